package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file wt writes, links, copies or deletes for a worktree really lies inside it. */
class WritesStayInsideTest {

  /** No PostgreSQL: these tests are about files. */
  private static final String BASE = "[ports]\nrange = [43100, 43999]\n[databases.local]\nengine = \"sqlite\"\n";

  @TempDir Path tmp;
  GitRepo repo;
  Path elsewhere;

  @BeforeEach
  void repository() throws IOException {
    repo = GitRepo.create(tmp, "app");
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("keep.txt"), "someone else's\n");
  }

  @Test
  void a_committed_symlinked_folder_never_receives_the_env_file() throws IOException {
    repo.write("wt.toml", BASE + "[env]\nfile = \"config/app.env\"\n");
    Files.createSymbolicLink(repo.path("config"), elsewhere);
    repo.commitAll("config lives elsewhere");
    Map<Path, String> before = snapshot(elsewhere);

    // the worktree is made before its files: up says so with exit 4, as for any setup that stops
    WtRun up = WtRun.in(repo.root(), "up", "feat/x").expect(4);
    String refusal = "refusing to write config/app.env: config is a symlink to " + elsewhere.toRealPath()
        + ", outside the worktree";
    assertTrue(up.err().contains(refusal), up.err());
    assertEquals(before, snapshot(elsewhere), "nothing written outside the worktree");

    WtRun again = WtRun.in(tmp.resolve("app-x"), "setup").expect(1);
    assertRefusal(again, refusal, "remove that symlink or change the path in wt.toml");
    assertEquals(before, snapshot(elsewhere), "nothing written outside the worktree");
  }

  @Test
  void the_browser_session_file_copies_and_links_stay_inside_too() throws IOException {
    repo.write("shared.txt", "x").write(".gitignore", "shared.txt\nsecret.key\n").write("secret.key", "k");
    Files.createSymbolicLink(repo.path("out"), elsewhere);
    repo.commitAll("out leads elsewhere");
    Files.writeString(repo.path("wt.local.toml"), BASE);
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Map<Path, String> before = snapshot(elsewhere);
    Map<String, String> cases = Map.of(
        "[browser_session]\nfile = \"out/session.json\"\n", "refusing to write out/session.json",
        "[files]\ncopy = [\"out/secret.key\"]\n", "refusing to copy from the main worktree out/secret.key",
        "[files]\nsymlink = [\"out/shared.txt\"]\n", "refusing to link from the main worktree out/shared.txt",
        "[databases.local]\nengine = \"sqlite\"\npath = \"out/db.sqlite\"\n", "refusing to create the database file out/db.sqlite");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String base = c.getKey().startsWith("[databases") ? "[ports]\nrange = [43100, 43999]\n" : BASE;
      Files.writeString(repo.path("wt.local.toml"), base + c.getKey());
      WtRun r = WtRun.in(tmp.resolve("app-x"), "setup").expect(1);
      assertRefusal(r, c.getValue() + ": out is a symlink to " + elsewhere.toRealPath(), "wt.toml");
      assertEquals(before, snapshot(elsewhere), "nothing written outside for\n" + c.getKey());
    }
  }

  @Test
  void a_symlink_at_the_env_file_itself_is_replaced_not_written_through() throws IOException {
    repo.write("wt.toml", BASE + "[env]\nfile = \".env.development.local\"\n");
    Files.createSymbolicLink(repo.path(".env.development.local"), elsewhere.resolve("keep.txt"));
    repo.commitAll("a link where the env file goes");
    Map<Path, String> before = snapshot(elsewhere);

    WtRun.in(repo.root(), "up", "feat/x").ok();

    Path env = tmp.resolve("app-x/.env.development.local");
    assertFalse(Files.isSymbolicLink(env), "the link was replaced by wt's own file");
    assertTrue(Files.readString(env).contains("WT_SLUG="));
    assertEquals(before, snapshot(elsewhere), "the link's target is untouched");
  }

  @Test
  void gits_own_dot_git_is_refused_as_a_file_wt_writes_before_anything_is_made() {
    for (String path : new String[] {".git", "./.git", ".GIT/config", "sub/.git", "a/.Git/config"}) {
      repo.write("wt.toml", BASE + "[env]\nfile = \"" + path + "\"\n");
      WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
      assertRefusal(r, "env.file must not name git's own .git: " + path, "docs/config.md");
      assertFalse(Files.exists(tmp.resolve("app-x")), "no worktree made for " + path);
    }
  }

  @Test
  void a_path_with_a_line_break_is_refused_it_would_add_lines_to_git_info_exclude() {
    repo.write("wt.toml", BASE + "[env]\nfile = \"x\\n!/.env.local\\n*\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "env.file holds a control character: x?!/.env.local?*", "docs/config.md");
    assertFalse(Files.exists(tmp.resolve("app-x")));
  }

  @Test
  void a_generated_file_named_like_a_pattern_hides_only_itself_from_git() throws Exception {
    repo.write("t.tmpl", "x\n").write("wt.toml", BASE + "[[files.template]]\nsource = \"t.tmpl\"\ntarget = \"*\"\n")
        .commitAll("a file named *");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("app-x");
    assertTrue(Files.exists(wt.resolve("*")));
    Files.writeString(repo.root().resolve("notes.md"), "mine\n");
    Files.writeString(wt.resolve("draft.md"), "mine too\n");
    assertTrue(repo.git("status", "--porcelain").contains("notes.md"), "the user's new file is still seen");
    String inWorktree = repo.git("-C", wt.toString(), "status", "--porcelain");
    assertTrue(inWorktree.contains("draft.md") && !inWorktree.contains("*"), inWorktree);
  }

  @Test
  void copying_the_users_own_wt_local_toml_is_skipped_not_refused() throws Exception {
    repo.write(".gitignore", "wt.local.toml\n").commitAll("ignore the local file");
    Files.writeString(repo.path("wt.local.toml"), BASE + "[files]\ncopy = [\"wt.local.toml\"]\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").ok();
    assertTrue(r.out().contains("not needed") || r.err().contains("not needed"), r.out() + r.err());
    assertFalse(Files.exists(tmp.resolve("app-x/wt.local.toml")), "wt reads the main worktree's");
  }

  @Test
  void a_configuration_file_of_gigabytes_is_refused_not_read() throws Exception {
    Path huge = tmp.resolve("huge");
    try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk used
    }
    Files.deleteIfExists(repo.path("wt.toml"));
    Files.createSymbolicLink(repo.path("wt.toml"), huge);
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "wt.toml is " + (3L << 30) + " bytes", "docs/config.md");
  }

  @Test
  void dot_dot_and_absolute_paths_are_refused_before_anything_is_made() {
    for (String path : new String[] {"../x.env", "config/../../x.env", elsewhere.resolve("x.env").toString()}) {
      repo.write("wt.toml", BASE + "[env]\nfile = \"" + path + "\"\n");
      WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
      assertRefusal(r, "env.file must hold paths inside the worktree: " + path, "docs/config.md");
      assertFalse(Files.exists(tmp.resolve("x.env")) || Files.exists(elsewhere.resolve("x.env")));
      assertFalse(Files.exists(tmp.resolve("app-x")), "no worktree made for " + path);
    }
  }

  @Test
  void teardown_never_deletes_through_a_folder_swapped_for_a_symlink() throws IOException {
    repo.write("wt.toml", BASE + "[env]\nfile = \"config/app.env\"\n").commitAll("env in config/");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("app-x");
    // the folder moves out and a link takes its place: the same bytes, now outside the worktree
    Files.move(wt.resolve("config"), elsewhere.resolve("config"));
    Files.createSymbolicLink(wt.resolve("config"), elsewhere.resolve("config"));
    Map<Path, String> before = snapshot(elsewhere);

    WtRun.in(repo.root(), "teardown", wt.toString()).ok();

    assertEquals(before, snapshot(elsewhere), "teardown deleted a file outside the worktree");
    assertTrue(Files.exists(elsewhere.resolve("config/app.env")));
  }
}
