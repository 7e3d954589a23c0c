package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static dev.wt.testing.Checks.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Procs;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt setup} in worktrees other tools made, and the identity that survives renames. */
class SetupCommandTest {

  private static final String HAND_SLUG = WorktreeIdentity.derive("feat/hand").slug();
  /** Set-up commands come from the repository's wt.toml: these tests approve them for the run. */
  private static final Map<String, String> TRUSTED = Map.of("WT_TRUST", "1");

  @TempDir Path tmp;
  GitRepo repo;
  Path hand;

  @BeforeEach
  void repositoryWithAWorktreeMadeByHand() {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", ".env.local\nnode_modules/\nsecrets/\nconfig/dev.json\n").commitAll("ignore");
    hand = tmp.resolve("hand");
  }

  private void addHandWorktree() {
    repo.git("worktree", "add", "-q", "-b", "feat/hand", hand.toString());
  }

  @Test
  void setup_links_shared_files_and_warns_about_missing_ones() throws Exception {
    repo.write("wt.toml", "[files]\nsymlink = [\".env.local\", \"missing.env\"]\n").commitAll("cfg");
    repo.write(".env.local", "SECRET=1\n");
    addHandWorktree();
    WtRun r = WtRun.in(hand, "setup").ok();
    Path link = hand.resolve(".env.local");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(repo.path(".env.local").toRealPath(), link.toRealPath());
    assertEquals("SECRET=1\n", Files.readString(link));
    assertTrue(r.err().contains("! symlink missing.env: missing in the main worktree"), r.err());
    assertFalse(Files.exists(hand.resolve("missing.env"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void setup_copies_configured_files_and_gitignored_files_named_by_worktreeinclude() throws Exception {
    repo.write("wt.toml", "[files]\ncopy = [\"config/dev.json\"]\n")
        .write(".worktreeinclude", "secrets/\nnode_modules/\nnotes.txt\nREADME.md\n")
        .commitAll("cfg");
    repo.write("config/dev.json", "{\"dev\": true}\n")
        .write("secrets/key.pem", "KEY\n")
        .write("node_modules/pkg/index.js", "module.exports = 1;\n")
        .write("notes.txt", "untracked but not ignored\n")
        .write("README.md", "edited in main, not committed\n");
    addHandWorktree();
    WtRun.in(hand, "setup").ok();
    assertEquals("{\"dev\": true}\n", Files.readString(hand.resolve("config/dev.json")));
    assertFalse(Files.isSymbolicLink(hand.resolve("config/dev.json")), "a copy, not a link");
    assertEquals("KEY\n", Files.readString(hand.resolve("secrets/key.pem")));
    assertEquals("module.exports = 1;\n", Files.readString(hand.resolve("node_modules/pkg/index.js")));
    assertFalse(Files.exists(hand.resolve("notes.txt")), ".worktreeinclude copies only gitignored files");
    assertEquals("# demo\n", Files.readString(hand.resolve("README.md")), "tracked files stay as committed");
    Files.writeString(repo.path("secrets/key.pem"), "CHANGED IN MAIN\n");
    assertEquals("KEY\n", Files.readString(hand.resolve("secrets/key.pem")), "a real copy, not shared");
  }

  @Test
  void worktreeinclude_in_the_worktree_itself_wins_and_can_name_files_inside_ignored_folders() throws Exception {
    repo.write(".worktreeinclude", "secrets/key.pem\n").commitAll("include");
    repo.write("secrets/key.pem", "KEY\n").write("secrets/other.pem", "OTHER\n");
    addHandWorktree();
    WtRun.in(hand, "setup").ok();
    assertEquals("KEY\n", Files.readString(hand.resolve("secrets/key.pem")));
    assertFalse(Files.exists(hand.resolve("secrets/other.pem")));
  }

  @Test
  void worktreeinclude_patterns_follow_gitignore_syntax_at_any_depth_with_negations() throws Exception {
    repo.write(".gitignore", "config/\nnode_modules/\nsecrets/\n.env.local\n")
        .write(".worktreeinclude", "*.local\n!config/skip.local\nsecrets/key.pem\n/node_modules/\n")
        .commitAll("include");
    repo.write("config/app.local", "A\n").write("config/skip.local", "S\n").write("config/other.txt", "O\n")
        .write(".env.local", "E\n").write("secrets/key.pem", "K\n").write("secrets/other.pem", "P\n")
        .write("node_modules/a/i.js", "1\n").write("notes.local", "not ignored\n");
    addHandWorktree();
    WtRun.in(hand, "setup").ok();
    assertEquals("A\n", Files.readString(hand.resolve("config/app.local")), "*.local matches inside ignored folders");
    assertFalse(Files.exists(hand.resolve("config/skip.local")), "a negated pattern is left out");
    assertFalse(Files.exists(hand.resolve("config/other.txt")));
    assertEquals("E\n", Files.readString(hand.resolve(".env.local")));
    assertEquals("K\n", Files.readString(hand.resolve("secrets/key.pem")));
    assertFalse(Files.exists(hand.resolve("secrets/other.pem")));
    assertEquals("1\n", Files.readString(hand.resolve("node_modules/a/i.js")));
    assertFalse(Files.exists(hand.resolve("notes.local")), "matched but not gitignored: not copied");
    assertTrue(WtRun.in(hand, "setup").ok().out().startsWith("already set up, nothing changed"));
  }

  @Test
  void setup_writes_the_env_file_private_replacing_a_symlink_instead_of_writing_through_it() throws Exception {
    Path shared = tmp.resolve("shared.env");
    Files.writeString(shared, "SHARED=1\n");
    addHandWorktree();
    Path env = hand.resolve(".env.development.local");
    Files.createSymbolicLink(env, shared);

    WtRun r = WtRun.in(hand, "setup").ok();
    assertFalse(Files.isSymbolicLink(env), "the symlink is replaced by a real file");
    assertEquals("SHARED=1\n", Files.readString(shared), "the symlink's target is untouched");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env, LinkOption.NOFOLLOW_LINKS)));
    String text = Files.readString(env);
    assertTrue(text.contains("WT_SLUG=" + HAND_SLUG + "\n"), text);
    assertTrue(text.contains("WT_BRANCH=feat/hand\n"), text);
    assertTrue(text.contains("WT_PATH=" + hand.toRealPath() + "\n"), text);
    assertTrue(text.contains("WT_MAIN_PATH=" + repo.root().toRealPath() + "\n"), text);
    assertTrue(r.err().contains("replaced a symlink with a real file"), r.err());
    assertEquals("", GitRepo.gitIn(hand, "status", "--porcelain"), "the env file is never shown to git add");
  }

  @Test
  void setup_leaves_an_edited_env_file_alone_unless_forced() throws Exception {
    addHandWorktree();
    WtRun.in(hand, "setup").ok();
    Path env = hand.resolve(".env.development.local");
    Files.writeString(env, "MINE=1\n");
    WtRun r = WtRun.in(hand, "setup").ok();
    assertTrue(r.err().contains("edited since wt wrote it; left alone (--force replaces it)"), r.err());
    assertEquals("MINE=1\n", Files.readString(env));
    WtRun.in(hand, "setup", "--force").ok();
    assertTrue(Files.readString(env).contains("WT_SLUG="));
  }

  @Test
  void setup_writes_the_browser_session_file() throws Exception {
    repo.write("wt.toml", "project = \"shop\"\n[browser_session]\nfile = \".agent/browser.json\"\n").commitAll("cfg");
    addHandWorktree();
    WtRun.in(hand, "setup").ok();
    assertEquals("{\"sessionName\": \"shop-" + HAND_SLUG + "\"}\n", Files.readString(hand.resolve(".agent/browser.json")));
    assertEquals("", GitRepo.gitIn(hand, "status", "--porcelain"), "the session file is excluded from git");
  }

  @Test
  void setup_sets_the_main_worktrees_git_identity_for_this_worktree_only_when_asked() throws Exception {
    // set after the worktree exists: git worktree add copies config.worktree by itself
    addHandWorktree();
    repo.git("config", "extensions.worktreeConfig", "true");
    repo.git("config", "--worktree", "user.name", "Main Person");
    repo.git("config", "--worktree", "user.email", "main@example.com");
    WtRun.in(hand, "setup").ok();
    assertEquals("Dev", GitRepo.gitIn(hand, "config", "user.name").strip(), "off by default");

    repo.write("wt.local.toml", "[git]\nworktree_identity = true\n");
    WtRun r = WtRun.in(hand, "setup").ok();
    assertEquals("Main Person", GitRepo.gitIn(hand, "config", "user.name").strip());
    assertEquals("main@example.com", GitRepo.gitIn(hand, "config", "user.email").strip());
    assertEquals("Main Person", GitRepo.gitIn(hand, "config", "--worktree", "user.name").strip(), "per worktree");
    assertEquals("Dev", repo.git("config", "--local", "user.name").strip(), "the shared config is untouched");
    assertTrue(r.err().contains("git user.name: set to Main Person"), r.err());
    assertTrue(WtRun.in(hand, "setup").ok().out().startsWith("already set up, nothing changed"));
  }

  @Test
  void setup_runs_the_post_setup_commands_with_the_wt_variables_streaming_their_output() throws Exception {
    repo.write("wt.toml", """
        [setup]
        commands = [
          "echo \\"slug=$WT_SLUG branch=$WT_BRANCH project=$WT_PROJECT\\"",
          "echo to-stderr >&2",
          "pwd",
        ]
        """).commitAll("cfg");
    addHandWorktree();
    WtRun r = WtRun.in(hand, TRUSTED, "setup").ok();
    assertTrue(r.err().contains("| slug=" + HAND_SLUG + " branch=feat/hand project=demo\n"), r.err());
    assertTrue(r.err().contains("| to-stderr\n"), r.err());
    assertTrue(r.err().contains("| " + hand.toRealPath() + "\n"), "commands run inside the worktree\n" + r.err());
    assertEquals(List.of("set up: " + hand.toRealPath() + " (" + HAND_SLUG + ")"), r.out().lines().toList(),
        "command output stays off stdout");
  }

  @Test
  void a_failing_post_setup_command_fails_loudly_with_exit_4_naming_it() throws Exception {
    repo.write("wt.toml", "[setup]\ncommands = [\"echo before\", \"exit 7\", \"echo after > after.txt\"]\n")
        .commitAll("cfg");
    addHandWorktree();
    WtRun r = WtRun.in(hand, TRUSTED, "setup").expect(4);
    assertRefusal(r, "set-up command failed with exit code 7: exit 7", "run wt setup again in " + hand.toRealPath());
    assertTrue(r.err().contains("| before"), r.err());
    assertFalse(Files.exists(hand.resolve("after.txt")), "nothing after the failed command ran");
    assertTrue(Files.exists(hand.resolve(".env.development.local")), "what came before is in place");

    WtRun again = WtRun.in(hand, TRUSTED, "setup").expect(4);
    assertTrue(again.err().contains("| before"), "a failed command list runs again\n" + again.err());
  }

  @Test
  void a_failing_post_setup_command_in_up_is_exit_4_too() throws Exception {
    repo.write("wt.toml", "[setup]\ncommands = [\"false\"]\n").commitAll("cfg");
    WtRun r = WtRun.in(repo.root(), TRUSTED, "up", "feat/x").expect(4);
    assertRefusal(r, "set-up command failed with exit code 1: false", "run wt setup again");
    assertTrue(r.err().contains("worktree " + tmp.resolve("demo-x").toRealPath() + " is created"), r.err());
  }

  @Test
  void a_second_setup_changes_nothing_and_says_so() throws Exception {
    repo.write("wt.toml", """
        [files]
        symlink = [".env.local"]
        copy = ["config/dev.json"]
        [browser_session]
        file = "agent-browser.json"
        [setup]
        commands = ["echo ran >> ran.log"]
        """).write(".worktreeinclude", "secrets/\n").commitAll("cfg");
    repo.write(".env.local", "S=1\n").write("config/dev.json", "{}\n").write("secrets/a", "a\n");
    addHandWorktree();
    WtRun first = WtRun.in(hand, TRUSTED, "setup").ok();
    assertTrue(first.out().startsWith("set up: "), first.out());
    Map<Path, String> before = snapshot(hand, repo.path(".git/wt"), repo.path(".git/info"));

    WtRun second = WtRun.in(hand, TRUSTED, "setup").ok();
    assertEquals(List.of("already set up, nothing changed: " + hand.toRealPath() + " (" + HAND_SLUG + ")"),
        second.out().lines().toList());
    assertTrue(second.err().lines().noneMatch(l -> l.startsWith("+ ")), second.err());
    assertEquals(before, snapshot(hand, repo.path(".git/wt"), repo.path(".git/info")));
    assertEquals("ran\n", Files.readString(hand.resolve("ran.log")));
  }

  @Test
  void setup_json_reports_each_step() throws Exception {
    addHandWorktree();
    JsonNode r = json(WtRun.in(hand, "setup", "--json").ok());
    assertTrue(r.get("changed").asBoolean());
    assertEquals(HAND_SLUG, r.at("/record/identity/slug").asText());
    assertEquals("setup", r.at("/record/createdBy").asText(), "another tool created this worktree");
    assertTrue(r.get("actions").toString().contains("\"step\":\"env\""), r.toString());
  }

  @Test
  void setup_refuses_the_main_worktree() {
    WtRun r = WtRun.in(repo.root(), "setup").expect(1);
    assertRefusal(r, "is the main worktree", "wt up <branch>");
  }

  @Test
  void commands_run_again_when_the_list_changes_or_when_asked() throws Exception {
    repo.write("wt.toml", "[setup]\ncommands = [\"echo one >> ran.log\"]\n").commitAll("cfg");
    addHandWorktree();
    WtRun.in(hand, TRUSTED, "setup").ok();
    WtRun.in(hand, TRUSTED, "setup").ok();
    assertEquals("one\n", Files.readString(hand.resolve("ran.log")));
    WtRun.in(hand, TRUSTED, "setup", "--rerun-commands").ok();
    assertEquals("one\none\n", Files.readString(hand.resolve("ran.log")));
    repo.write("wt.local.toml", "[setup]\ncommands = [\"echo two >> ran.log\"]\n");
    WtRun.in(hand, TRUSTED, "setup").ok();
    assertEquals("one\none\ntwo\n", Files.readString(hand.resolve("ran.log")));
  }

  @Test
  void setup_takes_a_path() throws Exception {
    addHandWorktree();
    WtRun r = WtRun.in(repo.root(), "setup", "../hand").ok();
    assertTrue(r.out().startsWith("set up: " + hand.toRealPath()), r.out());
  }

  /** A command that starts a server in the background must not keep wt waiting for it. */
  @Test
  void a_background_process_started_by_a_command_does_not_hang_setup() throws Exception {
    // the background process writes its pid, so the test can end it: a dev server would run on
    repo.write("wt.toml", "[setup]\ncommands = [\"echo starting; sleep 120 & echo $! > bg.pid\"]\n").commitAll("cfg");
    addHandWorktree();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (Procs procs = new Procs()) {
      var run = pool.submit(() -> WtRun.in(hand, TRUSTED, "setup"));
      WtRun r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      procs.track(Long.parseLong(Procs.await(hand.resolve("bg.pid"))));
      r.ok();
      assertTrue(r.err().contains("| starting"), r.err());
    } finally {
      pool.shutdownNow();
    }
  }
}
