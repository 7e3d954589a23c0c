package dev.wt.cli;

import static dev.wt.cli.ConfigTest.assertRefusal;
import static dev.wt.cli.ConfigTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt up} on real repositories: the three branch sources, its options, and its refusals. */
class UpCommandTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
  }

  @Test
  void up_creates_a_worktree_on_a_new_branch_from_the_base_and_says_where() throws Exception {
    repo.write("src/app.txt", "v2\n").commitAll("second");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    assertEquals(List.of("ready: " + wt + " (x_d6e256)", "cd " + wt), r.out().lines().toList());
    assertTrue(r.err().contains("new branch from main"), r.err());
    assertEquals(repo.commit("main"), repo.commit("feat/x"));
    assertEquals(List.of(repo.root().toRealPath(), wt), repo.worktrees());
    assertEquals("feat/x", GitRepo.gitIn(wt, "symbolic-ref", "--short", "HEAD").strip());
    assertEquals("v2\n", Files.readString(wt.resolve("src/app.txt")));
    assertTrue(Files.readString(wt.resolve(".env.development.local")).contains("WT_SLUG=x_d6e256\n"));
    assertEquals("", GitRepo.gitIn(wt, "for-each-ref", "--format=%(upstream)", "refs/heads/feat/x").strip(),
        "a new branch does not track the base");
  }

  @Test
  void up_attaches_an_existing_local_branch() throws Exception {
    repo.branchWithCommit("feat/old", "old.txt", "old work\n");
    String tip = repo.commit("feat/old");
    JsonNode r = json(WtRun.in(repo.root(), "up", "feat/old", "--json").ok());
    assertEquals("existing", r.get("branchSource").asText());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(tip, GitRepo.gitIn(wt, "rev-parse", "HEAD").strip());
    assertEquals("old work\n", Files.readString(wt.resolve("old.txt")));
    assertFalse(r.at("/record/branchCreated").asBoolean(), "wt did not create that branch");
  }

  @Test
  void up_tracks_a_branch_only_origin_has() throws Exception {
    GitRepo seed = GitRepo.create(tmp, "seed").branchWithCommit("feat/remote", "remote.txt", "from origin\n");
    Path origin = GitRepo.bareOrigin(tmp, "origin.git", seed);
    GitRepo clone = GitRepo.cloneOf(origin, tmp, "app");
    assertFalse(clone.hasBranch("feat/remote"));

    JsonNode r = json(WtRun.in(clone.root(), "up", "feat/remote", "--json").ok());
    assertEquals("track_remote", r.get("branchSource").asText());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(tmp.resolve("app-remote").toRealPath(), wt);
    assertEquals(seed.commit("feat/remote"), GitRepo.gitIn(wt, "rev-parse", "HEAD").strip());
    assertEquals("refs/remotes/origin/feat/remote",
        clone.git("for-each-ref", "--format=%(upstream)", "refs/heads/feat/remote").strip());
    assertEquals("origin/main", json(WtRun.in(clone.root(), "list", "--json").ok()).get("base").asText(),
        "the base defaults to the remote's default branch");

    // and a brand-new branch in a clone starts from origin/main, not from a stale local main
    seed.write("later.txt", "pushed later\n").commitAll("later");
    seed.git("push", "-q", origin.toString(), "main");
    clone.git("fetch", "-q");
    WtRun.in(clone.root(), "up", "feat/new").ok();
    assertEquals(clone.commit("origin/main"), clone.commit("feat/new"));
  }

  @Test
  void up_base_starts_the_new_branch_from_that_ref() throws Exception {
    repo.branchWithCommit("release/1.0", "release.txt", "1.0\n");
    repo.write("main-only.txt", "later\n").commitAll("later on main");
    WtRun.in(repo.root(), "up", "hotfix/login", "--base", "release/1.0").ok();
    assertEquals(repo.commit("release/1.0"), repo.commit("hotfix/login"));
    assertTrue(Files.exists(tmp.resolve("demo-login/release.txt")));
    assertFalse(Files.exists(tmp.resolve("demo-login/main-only.txt")));
  }

  @Test
  void up_refuses_a_base_that_names_no_commit_and_creates_nothing() {
    WtRun r = WtRun.in(repo.root(), "up", "feat/x", "--base", "nope").expect(1);
    assertRefusal(r, "base 'nope' does not name a commit", "--base");
    assertNothingCreatedFor("feat/x");
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/x_d6e256.json")), "no state left behind");
  }

  @Test
  void up_dir_puts_the_worktree_there_relative_to_the_current_folder() throws Exception {
    Path sub = Files.createDirectories(repo.path("sub"));
    JsonNode r = json(WtRun.in(sub, "up", "feat/x", "--dir", "../../elsewhere/x", "--json").ok());
    Path expected = tmp.resolve("elsewhere/x").toRealPath();
    assertEquals(expected.toString(), r.get("path").asText());
    assertTrue(repo.worktrees().contains(expected));
  }

  @Test
  void up_no_setup_only_creates_the_worktree_and_setup_finishes_it_later() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    assertTrue(repo.worktrees().contains(wt));
    assertFalse(Files.exists(wt.resolve(".env.development.local")));

    WtRun setup = WtRun.in(wt, "setup").ok();
    assertTrue(setup.out().startsWith("set up: " + wt + " (x_d6e256)"), setup.out());
    assertTrue(Files.exists(wt.resolve(".env.development.local")));
    JsonNode list = json(WtRun.in(repo.root(), "list", "--json").ok());
    assertTrue(list.at("/worktrees/1/provisioned").asBoolean());
  }

  @Test
  void up_json_prints_the_identity_and_paths() throws Exception {
    WtRun run = WtRun.in(repo.root(), "up", "feat/oauth_v2", "--json").ok();
    JsonNode r = json(run);
    Path wt = tmp.resolve("demo-oauth_v2").toRealPath();
    assertEquals(wt.toString(), r.get("path").asText());
    assertTrue(r.get("created").asBoolean());
    assertEquals("new", r.get("branchSource").asText());
    assertEquals("feat/oauth_v2", r.at("/record/identity/branch").asText());
    assertEquals("oauth_v2_b2b4c8", r.at("/record/identity/slug").asText());
    assertEquals("oauth-v2", r.at("/record/identity/subdomain").asText());
    assertEquals(wt.toString(), r.at("/record/path").asText());
    assertEquals(repo.root().toRealPath().toString(), r.at("/record/mainPath").asText());
    assertEquals("demo", r.at("/record/project").asText());
    assertTrue(r.get("setup").isArray());
    assertFalse(run.out().contains("ready:"), "only JSON on stdout");
  }

  @Test
  void running_up_again_changes_nothing() throws Exception {
    repo.write("wt.toml", """
        [browser_session]
        file = "agent-browser.json"
        [setup]
        commands = ["echo ran >> ran.log"]
        """).commitAll("config");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    Map<Path, String> before = snapshot(wt, repo.path(".git/wt"));
    WtRun again = WtRun.in(repo.root(), "up", "feat/x").ok();
    assertEquals(List.of("already there: " + wt + " (x_d6e256)", "cd " + wt), again.out().lines().toList());
    assertTrue(again.err().lines().noneMatch(l -> l.startsWith("+ ")), "nothing done\n" + again.err());
    assertEquals(before, snapshot(wt, repo.path(".git/wt")));
    assertEquals("ran\n", Files.readString(wt.resolve("ran.log")), "set-up commands ran once");
    assertEquals(2, repo.worktrees().size());
  }

  @Test
  void up_from_inside_its_own_worktree_changes_nothing() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    WtRun again = WtRun.in(wt, "up", "feat/x").ok();
    assertTrue(again.out().startsWith("already there: " + wt), again.out());
  }

  @Test
  void up_refuses_invalid_branch_names_and_creates_nothing() {
    for (String name : List.of("-rf", "--force", "a..b", "feat/x.lock", "x~1", "has space", "@", "HEAD")) {
      WtRun r = WtRun.in(repo.root(), "up", "--", name).expect(1);
      assertRefusal(r, "'" + name + "' is not a valid branch name", "git check-ref-format");
      assertNothingCreatedFor(name);
    }
    assertEquals(1, repo.worktrees().size());
    assertFalse(Files.exists(repo.path(".git/wt/worktrees")), "no state written");
  }

  @Test
  void a_branch_name_that_looks_like_an_option_is_a_usage_error_without_the_double_dash() {
    WtRun r = WtRun.in(repo.root(), "up", "-rf").expect(2);
    assertTrue(r.err().startsWith("wt: "), r.err());
    assertTrue(r.err().contains("hint: a name starting with '-' is data only after --: wt up -- -rf"), r.err());
    assertEquals(1, repo.worktrees().size());
  }

  @Test
  void shell_metacharacters_in_a_branch_name_are_data() throws Exception {
    String branch = "feat/$(touch${IFS}pwned)";
    repo.write("wt.toml", "[setup]\ncommands = [\"printf '%s' \\\"$WT_BRANCH\\\" > branch.txt\"]\n").commitAll("cfg");
    JsonNode r = json(WtRun.in(repo.root(), "up", branch, "--json").ok());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(branch, Files.readString(wt.resolve("branch.txt")));
    try (Stream<Path> all = Files.walk(tmp)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("pwned")), "nothing was executed");
    }
    assertEquals(branch, GitRepo.gitIn(wt, "symbolic-ref", "--short", "HEAD").strip());
  }

  @Test
  void up_refuses_a_branch_checked_out_in_another_worktree() throws Exception {
    Path hand = tmp.resolve("by-hand");
    repo.git("worktree", "add", "-q", "-b", "feat/x", hand.toString());
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "branch feat/x is already checked out at " + hand.toRealPath(), "cd " + hand.toRealPath());
    assertEquals(2, repo.worktrees().size());
    assertFalse(Files.exists(tmp.resolve("demo-x")));
  }

  @Test
  void up_refuses_the_branch_of_the_main_worktree() {
    WtRun r = WtRun.in(repo.root(), "up", "main").expect(1);
    assertRefusal(r, "branch main is already checked out at " + repo.root(), "switch the main worktree");
    assertEquals(1, repo.worktrees().size());
  }

  @Test
  void up_refuses_a_target_folder_that_exists_and_is_not_empty() throws Exception {
    Path target = tmp.resolve("taken");
    Files.createDirectories(target);
    Files.writeString(target.resolve("precious.txt"), "keep me\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x", "--dir", target.toString()).expect(1);
    assertRefusal(r, "target folder " + target + " already exists and is not empty", "--dir");
    assertNothingCreatedFor("feat/x");
    assertEquals("keep me\n", Files.readString(target.resolve("precious.txt")));
  }

  @Test
  void up_refuses_a_folder_that_still_belongs_to_a_worktree_removed_by_hand() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    repo.git("worktree", "remove", "--force", tmp.resolve("demo-x").toString());
    WtRun r = WtRun.in(repo.root(), "up", "feat/y", "--dir", "../demo-x").expect(1);
    assertRefusal(r, "target folder " + tmp.resolve("demo-x") + " belongs to the worktree of branch feat/x",
        "wt teardown " + tmp.resolve("demo-x"));
    assertFalse(repo.hasBranch("feat/y"));
    WtRun.in(repo.root(), "teardown", "../demo-x").ok();
    WtRun.in(repo.root(), "up", "feat/y", "--dir", "../demo-x").ok();
  }

  @Test
  void up_uses_an_empty_target_folder() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("empty"));
    WtRun.in(repo.root(), "up", "feat/x", "--dir", target.toString()).ok();
    assertTrue(repo.worktrees().contains(target.toRealPath()));
  }

  @Test
  void the_default_folder_moves_aside_to_the_slug_when_another_branch_has_the_same_name() throws Exception {
    JsonNode feat = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    JsonNode fix = json(WtRun.in(repo.root(), "up", "fix/x", "--json").ok());
    assertEquals(tmp.resolve("demo-x").toRealPath().toString(), feat.get("path").asText());
    assertEquals(tmp.resolve("demo-x_8bce93").toRealPath().toString(), fix.get("path").asText());
    assertEquals(3, repo.worktrees().size());
  }

  @Test
  void the_default_folder_moves_aside_when_a_stranger_folder_is_there() throws Exception {
    Files.createDirectories(tmp.resolve("demo-x"));
    Files.writeString(tmp.resolve("demo-x/notes.txt"), "mine\n");
    JsonNode r = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    assertEquals(tmp.resolve("demo-x_d6e256").toRealPath().toString(), r.get("path").asText());
    assertEquals("mine\n", Files.readString(tmp.resolve("demo-x/notes.txt")));
  }

  @Test
  void two_branches_with_the_same_last_segment_get_distinct_subdomains() throws Exception {
    JsonNode feat = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    JsonNode fix = json(WtRun.in(repo.root(), "up", "fix/x", "--json").ok());
    assertEquals("x", feat.at("/record/identity/subdomain").asText());
    assertEquals("x-8bce93", fix.at("/record/identity/subdomain").asText(),
        "DESIGN §1: a subdomain is never silently shared");
    assertTrue(Files.readString(tmp.resolve("demo-x_8bce93/.env.development.local")).contains("WT_SUBDOMAIN=x-8bce93\n"));
  }

  /** The pair of branches whose 6-hex hashes collide is pinned in WorktreeIdentityTest. */
  @Test
  void up_refuses_an_identity_collision_and_creates_nothing() throws Exception {
    WtRun.in(repo.root(), "up", "feat1795/x").ok();
    WtRun r = WtRun.in(repo.root(), "up", "feat3536/x").expect(1);
    assertRefusal(r, "identity x_4b55e9 is already used by branch feat1795/x", "wt down feat1795/x");
    assertFalse(repo.hasBranch("feat3536/x"));
    assertEquals(2, repo.worktrees().size());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("demo", "demo-x"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void up_finishes_a_half_done_up() throws Exception {
    // a crash between git worktree add and setup leaves a worktree without its files
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    WtRun again = WtRun.in(repo.root(), "up", "feat/x").ok();
    assertTrue(again.err().contains("+ env .env.development.local: written"), again.err());
    assertTrue(Files.exists(wt.resolve(".env.development.local")));
  }

  @Test
  void up_remakes_a_worktree_whose_folder_was_deleted_by_hand_with_the_same_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    DownCommandTest.deleteRecursively(wt);
    WtRun again = WtRun.in(repo.root(), "up", "feat/x", "--json").ok();
    JsonNode r = json(again);
    assertEquals(wt.toString(), r.get("path").asText());
    assertEquals("x_d6e256", r.at("/record/identity/slug").asText());
    assertTrue(Files.readString(wt.resolve(".env.development.local")).contains("WT_SLUG=x_d6e256\n"));
    assertEquals(2, repo.worktrees().size());
  }

  @Test
  void c_option_acts_as_if_started_in_that_folder() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("not-a-repo"));
    WtRun.in(elsewhere, "-C", "../demo", "up", "feat/x").ok();
    assertTrue(repo.worktrees().contains(tmp.resolve("demo-x").toRealPath()));
    WtRun list = WtRun.in(elsewhere, "list", "-C", repo.root().toString()).ok();
    assertTrue(list.out().contains("x_d6e256"), list.out());
  }

  @Test
  void outside_a_repository_wt_says_so_with_exit_3() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("not-a-repo"));
    WtRun r = WtRun.in(elsewhere, "up", "feat/x").expect(3);
    assertRefusal(r, "not a git repository: " + elsewhere, "-C");
  }

  @Test
  void the_help_lists_every_exit_code() {
    WtRun r = WtRun.in(repo.root(), "--help").ok();
    for (String code : List.of("0  ok", "1  refused", "2  usage", "3  environment", "4  partial", "5  internal")) {
      assertTrue(r.out().contains("  " + code), "--help lists exit code " + code + "\n" + r.out());
    }
    assertNotEquals(-1, r.out().indexOf("up"), r.out());
  }

  @Test
  void paths_with_spaces_quotes_and_dollars_survive_the_env_file_and_the_cd_line() throws Exception {
    GitRepo odd = GitRepo.create(tmp, "it's a $HOME repo");
    WtRun r = WtRun.in(odd.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("it's a $HOME repo-x").toRealPath();
    String cd = r.out().lines().filter(l -> l.startsWith("cd ")).findFirst().orElseThrow();
    assertEquals(wt.toString(), shell(tmp, cd + " && pwd").strip(), "the printed cd line works when pasted");
    String sourced = shell(wt, "set -a; . ./.env.development.local; printf '%s|%s' \"$WT_PATH\" \"$WT_MAIN_PATH\"");
    assertEquals(wt + "|" + odd.root().toRealPath(), sourced, "the env file reads back the same in sh");
  }

  @Test
  void a_branch_name_with_a_quote_and_a_command_substitution_is_never_run_by_whoever_loads_the_env_file()
      throws Exception {
    String branch = "feat/it's-$(touch${IFS}pwned)-`touch${IFS}pwned2`";
    JsonNode r = json(WtRun.in(repo.root(), "up", branch, "--json").ok());
    Path wt = Path.of(r.get("path").asText());
    String read = shell(wt, "set -a; . ./.env.development.local; printf '%s' \"$WT_BRANCH\"");
    assertEquals(branch, read);
    assertFalse(Files.exists(wt.resolve("pwned")) || Files.exists(wt.resolve("pwned2")), "nothing ran");
  }

  private static String shell(Path dir, String script) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private void assertNothingCreatedFor(String branch) {
    assertFalse(repo.hasBranch(branch), "no branch " + branch);
    assertEquals(1, repo.worktrees().size(), "no worktree for " + branch);
  }

  /** Content of every file below the given folders (symlinks as their target). */
  static Map<Path, String> snapshot(Path... roots) throws Exception {
    Map<Path, String> out = new java.util.TreeMap<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.toList()) {
          if (Files.isSymbolicLink(p)) {
            out.put(p, "-> " + Files.readSymbolicLink(p));
          } else if (Files.isRegularFile(p)) {
            out.put(p, Files.readString(p) + " @" + Files.getLastModifiedTime(p).toMillis());
          }
        }
      }
    }
    return out;
  }
}
