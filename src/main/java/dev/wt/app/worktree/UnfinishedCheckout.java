package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A worktree whose {@code git worktree add} was cut off (wt killed mid-checkout): git left its
 * "initializing" lock, only some of the files and maybe no branch in HEAD yet. {@code wt up} and
 * {@code wt down} finish the checkout instead of taking it for the user's locked worktree, its
 * missing files for deletions, or its folder for a stranger's.
 */
final class UnfinishedCheckout {

  private UnfinishedCheckout() {}

  /** Whether {@code w} is such a worktree (git's lock says {@code initializing}). */
  static boolean is(Repo repo, Git.WorktreeEntry w) {
    if (w.main() || !w.locked() || !repo.disk().isDirectory(w.path())) {
      return false;
    }
    Path gitDir = repo.gitDirOf(w.path());
    try {
      return gitDir != null && repo.disk().read(gitDir.resolve("locked")).map(String::strip)
          .filter("initializing"::equals).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Finishes the cut-off checkout of the worktree {@code identity}'s up was making: the one on its
   * branch, or the one at the folder its record reserved. The caller holds that worktree's lock, so
   * no other wt is making it; others' checkouts may be running and are left alone.
   * Returns git's worktree list as it is afterwards.
   */
  static List<Git.WorktreeEntry> finishOwn(Git git, Repo repo, WorktreeIdentity identity,
      List<Git.WorktreeEntry> worktrees, Reporter reporter) {
    Optional<Path> reserved = repo.state().bySlug(identity.slug()).map(WorktreeRecord::path).map(Path::of);
    boolean finished = false;
    for (Git.WorktreeEntry w : worktrees) {
      boolean own = identity.branch().equals(w.branch()) || reserved.map(w.path()::equals).orElse(false);
      if (own && is(repo, w)) {
        finish(git, repo, w, identity.branch(), reporter);
        finished = true;
      }
    }
    return finished ? git.worktrees(repo.main()) : worktrees;
  }

  /** Finishes {@code w}'s checkout when it was cut off; returns git's entry for it as it is afterwards. */
  static Git.WorktreeEntry finish(Git git, Repo repo, Git.WorktreeEntry w, Reporter reporter) {
    if (!is(repo, w)) {
      return w;
    }
    finish(git, repo, w, w.branch(), reporter);
    return git.worktrees(repo.main()).stream().filter(e -> e.path().equals(w.path())).findFirst().orElse(w);
  }

  private static void finish(Git git, Repo repo, Git.WorktreeEntry w, String branch, Reporter reporter) {
    reporter.progress("finishing the checkout of " + w.path() + ", cut off when it was made");
    Path gitDir = repo.gitDirOf(w.path());
    try {
      git.finishCheckout(repo.main(), w.path(), gitDir, branch);
    } catch (dev.wt.core.WtException e) {
      // the git of the killed wt may have lived on: on its next write to the closed pipe it rolls
      // its add back (its admin folder, then the folder), and there is nothing left to finish
      if (gitDir == null || repo.disk().exists(gitDir) || !rolledBack(repo, w.path())) {
        throw e;
      }
      reporter.progress("git rolled back the cut-off checkout of " + w.path() + "; making it again");
    }
  }

  /** Whether git's roll-back removed {@code folder}, waiting a little for it to finish. */
  private static boolean rolledBack(Repo repo, Path folder) {
    for (int i = 0; i < 100 && repo.disk().exists(folder); i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !repo.disk().exists(folder);
  }
}
