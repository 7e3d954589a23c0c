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
        finish(git, repo, w, identity.branch(), false, reporter);
        finished = true;
      }
    }
    return finished ? git.worktrees(repo.main()) : worktrees;
  }

  /**
   * Finishes {@code w}'s checkout when it was cut off; returns git's entry for it as it is afterwards.
   *
   * @param force finish even over changes made in it since (see {@link #finish(Git, Repo, Git.WorktreeEntry, String, boolean, Reporter)})
   */
  static Git.WorktreeEntry finish(Git git, Repo repo, Git.WorktreeEntry w, boolean force, Reporter reporter) {
    if (!is(repo, w)) {
      return w;
    }
    finish(git, repo, w, w.branch(), force, reporter);
    return git.worktrees(repo.main()).stream().filter(e -> e.path().equals(w.path())).findFirst().orElse(w);
  }

  /**
   * Finishing resets the worktree to its branch. Git writes the index after the last file, so a
   * worktree with a whole index (no {@code index.lock}) holding files that differ from it was changed
   * after the cut (the user ran git's own advice, {@code git reset --hard}, and went on working):
   * that is refused unless {@code force}, since the reset would discard it. A reused folder's files are wt's.
   */
  private static void finish(Git git, Repo repo, Git.WorktreeEntry w, String branch, boolean force, Reporter reporter) {
    Path gitDir = repo.gitDirOf(w.path());
    if (!force && gitDir != null && repo.disk().isFile(gitDir.resolve("index"))
        && repo.disk().isFile(gitDir.resolve("HEAD")) && repo.disk().isFile(gitDir.resolve("commondir"))
        && !repo.disk().exists(gitDir.resolve("index.lock")) && !repo.disk().exists(gitDir.resolve(Git.RECYCLED))) {
      // a file the reset would write over: edited, or made where a tracked one is missing (a missing one is the cut's)
      List<String> changed;
      try {
        changed = git.dirtyPaths(w.path()).stream().filter(p -> repo.disk().exists(w.path().resolve(p))).toList();
      } catch (dev.wt.core.WtException e) {
        changed = List.of(); // git cannot read it yet: nothing of the user's can be in it either
      }
      if (!changed.isEmpty()) {
        throw dev.wt.core.WtException.refused("the checkout of " + w.path() + " was cut off, and it has changes since: "
                + String.join(", ", changed.subList(0, Math.min(5, changed.size()))) + (changed.size() > 5 ? ", ..." : ""),
            "keep them (commit or stash there), then git worktree unlock " + w.path() + " and run wt again; "
                + "wt down --force discards them");
      }
    }
    reporter.progress("finishing the checkout of " + w.path() + ", cut off when it was made");
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
