package dev.wt.adapter.git;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks a git killed with wt left on a ref do not stop wt from deleting the branch afterwards. */
class StaleRefLocksTest {

  @TempDir Path tmp;

  @Test
  void a_branch_with_a_stale_ref_lock_and_a_stale_packed_refs_lock_is_still_deleted() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("branch", "feat/killed");
    repo.git("pack-refs", "--all"); // the ref in packed-refs too, as after a gc
    repo.git("branch", "-f", "feat/killed", "HEAD");
    Path git = repo.root().resolve(".git");
    Files.writeString(git.resolve("refs/heads/feat/killed.lock"), "");
    Files.writeString(git.resolve("packed-refs.lock"), "");

    new GitCli().deleteBranch(repo.root(), "feat/killed", true);

    assertFalse(repo.hasBranch("feat/killed"));
    assertFalse(Files.exists(git.resolve("refs/heads/feat/killed.lock")));
    assertTrue(repo.hasBranch("main"), "nothing else went");
  }
}
