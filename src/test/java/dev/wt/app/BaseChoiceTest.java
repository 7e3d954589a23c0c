package dev.wt.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.port.Git;
import dev.wt.testing.GitRepo;
import dev.wt.testing.RealServices;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which base a repository without {@code base} set gets, and the reason {@code wt -v} gives. */
class BaseChoiceTest {

  @TempDir Path tmp;

  private static BaseChoice of(String remote, boolean main, boolean master, String mainWorktreeBranch) {
    return BaseChoice.byDefault(new Git.BaseRefs(Optional.ofNullable(remote), main, master), () -> mainWorktreeBranch);
  }

  @Test
  void the_remote_default_then_main_then_master_then_the_main_worktrees_branch_then_main() {
    assertEquals("origin/main", of("origin/main", true, true, "dev").ref());
    assertEquals("main", of(null, true, true, "dev").ref());
    assertEquals("master", of(null, false, true, "dev").ref());
    assertEquals("dev", of(null, false, false, "dev").ref());
    assertEquals("main", of(null, false, false, null).ref());
    assertEquals("origin/develop", BaseChoice.configured("origin/develop").ref());
  }

  @Test
  void each_choice_says_why() {
    assertTrue(of("origin/main", true, true, "dev").why().contains("origin/HEAD points at it"));
    assertTrue(of(null, true, false, "dev").why().contains("origin/HEAD is missing or names a branch that does not exist"));
    assertTrue(of(null, false, false, "dev").why().endsWith("the main worktree's branch"));
    assertTrue(BaseChoice.configured("x").why().contains("wt.toml"));
  }

  @Test
  void a_dangling_origin_head_is_passed_over_whether_git_is_asked_in_one_read_or_ref_by_ref() {
    GitRepo repo = GitRepo.create(tmp, "demo");
    // the remote's default branch was deleted there and pruned here: origin/HEAD points at nothing
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/gone");
    Git git = RealServices.git();

    assertEquals(Optional.empty(), git.baseRefs(repo.root()).remoteDefault());
    assertEquals(Optional.empty(), git.remoteDefaultBranch(repo.root()), "what the ref-by-ref read starts from");
    assertEquals("main", Repo.open(RealServices.of(), repo.root()).base());
  }
}
