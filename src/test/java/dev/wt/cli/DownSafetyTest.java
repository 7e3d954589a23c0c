package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
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

/** {@code wt down} never loses what git does not track either, and names what --force discards. */
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
  void down_refuses_to_delete_an_ignored_file_the_user_made() throws Exception {
    Files.writeString(wt.resolve("secret.txt"), "only copy\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").expect(1);
    assertRefusal(r, "holds ignored files wt did not put there, which would be lost: secret.txt", "--force");
    assertEquals("only copy\n", Files.readString(wt.resolve("secret.txt")));

    WtRun.in(repo.root(), "down", "--force", "feat/x").ok();
    assertFalse(Files.exists(wt));
  }

  @Test
  void dependencies_build_output_and_wts_own_files_do_not_stop_down() throws Exception {
    Files.createDirectories(wt.resolve("node_modules/left-pad"));
    Files.writeString(wt.resolve("node_modules/left-pad/index.js"), "module.exports = 1\n");
    Files.writeString(wt.resolve("server.log"), "started\n");
    WtRun.in(repo.root(), "down", "feat/x").ok();
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
    WtRun r = WtRun.in(repo.root(), "down", "feat/copy").expect(1);
    assertRefusal(r, "config", "--force");
    assertEquals("port: 2\n", Files.readString(copy.resolve("config/app.yml")));
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
