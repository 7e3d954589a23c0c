package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt down} never loses what git does not track either: the user's ignored files go to wt's trash. */
class DownSafetyTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path wt;

  @BeforeEach
  void repositoryWithAWorktree() throws Exception {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", ".env.local\nnode_modules/\nsecret.txt\n*.log\n").commitAll("ignore");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    wt = tmp.resolve("demo-x").toRealPath();
  }

  @Test
  void an_ignored_file_the_user_made_is_moved_to_the_trash_not_deleted() throws Exception {
    Files.writeString(wt.resolve("secret.txt"), "only copy\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x", "--json").ok();
    Path trash = Path.of(json(r).get("trash").asText());
    assertTrue(r.err().contains("moved 1 ignored file(s) wt did not make to " + trash), r.err());
    assertEquals("only copy\n", Files.readString(trash.resolve("secret.txt")));
    assertFalse(Files.exists(wt));
  }

  @Test
  void an_at_sign_name_is_a_name_not_a_file_of_options_to_read() throws Exception {
    Files.writeString(wt.resolve("wip.txt"), "uncommitted\n");
    // a branch name from a hook payload or an agent: picocli would read the file "opts" as arguments
    Files.writeString(repo.root().resolve("opts"), "--force\nfeat/x\n");
    String name = "@" + repo.root().resolve("opts"); // absolute: the tests' JVM runs elsewhere
    WtRun r = WtRun.in(repo.root(), "down", name).expect(1);
    assertTrue(r.err().contains(name), r.err());
    // with an option on the line picocli parses it (a plain up or down does not reach picocli)
    WtRun parsed = WtRun.in(repo.root(), "down", "--keep-branch", name).expect(1);
    assertTrue(parsed.err().contains(name), parsed.err());
    assertEquals("uncommitted\n", Files.readString(wt.resolve("wip.txt")));
  }

  @Test
  void a_name_that_is_one_worktrees_folder_and_anothers_branch_is_refused_not_guessed() throws Exception {
    WtRun.in(repo.root(), "up", "feat/a", "--dir", "inner").ok(); // its folder: <main>/inner
    WtRun.in(repo.root(), "up", "inner").ok();
    Path branchInner = tmp.resolve("demo-inner").toRealPath();
    Files.writeString(branchInner.resolve("wip.txt"), "uncommitted\n");

    WtRun r = WtRun.in(repo.root(), "down", "--force", "inner").expect(1);

    assertTrue(r.err().contains("names two worktrees") && r.err().contains(branchInner.toString()), r.err());
    assertEquals("uncommitted\n", Files.readString(branchInner.resolve("wip.txt")));
    assertTrue(Files.isDirectory(repo.root().resolve("inner")), "the folder's worktree stays too");
    WtRun.in(repo.root(), "down", branchInner.toString(), "--force").ok(); // by its path it goes
  }

  @Test
  void a_worktree_made_inside_another_is_not_taken_down_with_it_even_forced() throws Exception {
    WtRun.in(repo.root(), "up", "feat/inner", "--dir", wt.resolve("inner").toString()).ok();
    Files.writeString(wt.resolve("inner/wip.txt"), "uncommitted\n");
    WtRun r = WtRun.in(repo.root(), "down", "--force", "feat/x").expect(1);
    assertTrue(r.err().contains("lives inside " + wt) && r.err().contains("wt down feat/inner"), r.err());
    assertEquals("uncommitted\n", Files.readString(wt.resolve("inner/wip.txt")));
  }

  @Test
  void dependencies_a_lockfile_rebuilds_and_wts_own_files_are_not_kept() throws Exception {
    repo.write("package-lock.json", "{}\n").commitAll("lockfile");
    WtRun.in(repo.root(), "down", "feat/x").ok();
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Files.createDirectories(wt.resolve("node_modules/left-pad"));
    Files.writeString(wt.resolve("node_modules/left-pad/index.js"), "module.exports = 1\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x", "--json").ok();
    assertTrue(json(r).get("trash").isNull(), "nothing to keep: .env.development.local is wt's, node_modules npm's\n"
        + r.out());
    assertFalse(Files.exists(wt));
  }

  @Test
  void edits_inside_a_folder_wt_copied_are_work_down_keeps() throws Exception {
    repo.write(".gitignore", ".env.local\nnode_modules/\nsecret.txt\n*.log\nconfig/\n");
    repo.write("wt.toml", "[files]\ncopy = [\"config\"]\n").commitAll("copy config");
    repo.write("config/app.yml", "port: 1\n");
    WtRun.in(repo.root(), "up", "feat/copy").ok();
    Path copy = tmp.resolve("demo-copy").toRealPath();
    assertEquals("port: 1\n", Files.readString(copy.resolve("config/app.yml")));

    WtRun.in(repo.root(), "down", "--keep-branch", "feat/copy").ok(); // untouched copy: nothing to lose
    WtRun.in(repo.root(), "up", "feat/copy").ok();
    Files.writeString(copy.resolve("config/app.yml"), "port: 2\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/copy", "--json").ok();
    Path trash = Path.of(json(r).get("trash").asText());
    assertEquals("port: 2\n", Files.readString(trash.resolve("config/app.yml")), "the edit is kept in the trash");
  }

  @Test
  void down_refuses_when_the_shell_stands_inside_even_with_dash_c() {
    WtRun r = WtRun.in(wt, "-C", repo.root().toString(), "down", "feat/x").expect(1);
    assertRefusal(r, "you are inside " + wt, "cd ");
    assertTrue(Files.isDirectory(wt));
  }

  @Test
  void forced_delete_of_an_unmerged_branch_prints_how_to_get_it_back() throws Exception {
    Files.writeString(wt.resolve("work.txt"), "work\n");
    GitRepo.gitIn(wt, "add", "work.txt");
    GitRepo.gitIn(wt, "commit", "-q", "-m", "work");
    String sha = GitRepo.gitIn(wt, "rev-parse", "HEAD").strip().substring(0, 12);
    WtRun r = WtRun.in(repo.root(), "down", "--force", "feat/x").ok();
    assertTrue(r.err().contains("git branch feat/x " + sha + " brings it back"), r.err());
    GitRepo.gitIn(repo.root(), "branch", "feat/x", sha);
    assertTrue(repo.hasBranch("feat/x"), "the commit is still there to restore");
  }
}
