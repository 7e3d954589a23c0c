package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt up} on repositories and requests off the common path. */
class UpEdgeCasesTest {

  @TempDir Path tmp;

  @Test
  void a_repository_on_master_without_a_remote_branches_from_master() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "old");
    repo.git("branch", "-m", "main", "master");
    WtRun.in(repo.root(), "up", "feat/y").ok();
    WtRun r = WtRun.in(repo.root(), "down", "feat/y").ok();
    assertTrue(r.err().contains("deleted branch feat/y (merged into master"), r.err());
  }

  @Test
  void a_branch_name_too_long_for_the_file_system_is_refused_before_anything_is_made() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    String name = "feat/" + "x".repeat(300);
    WtRun r = WtRun.in(repo.root(), "up", name).expect(1);
    assertRefusal(r, "is not a valid branch name", "250 bytes");
    assertFalse(Files.exists(repo.path(".git/wt/worktrees")) && Files.list(repo.path(".git/wt/worktrees")).findAny().isPresent(),
        "no record left behind");
    WtRun list = WtRun.in(repo.root(), "list").ok();
    assertEquals(2, list.out().lines().count(), "header and main only\n" + list.out());
  }

  @Test
  void dir_that_disagrees_with_the_existing_worktree_is_refused() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    WtRun r = WtRun.in(repo.root(), "up", "feat/x", "--dir", "../elsewhere").expect(1);
    assertRefusal(r, "already has its worktree at", "git worktree move");
    assertFalse(Files.exists(tmp.resolve("elsewhere")));
  }
}
