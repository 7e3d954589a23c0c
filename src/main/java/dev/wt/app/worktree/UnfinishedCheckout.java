package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A worktree whose {@code git worktree add} was cut off (wt killed mid-checkout): git left its
 * "initializing" lock and only some of the files. {@code wt up} and {@code wt down} finish the
 * checkout instead of taking it for the user's locked worktree, or its missing files for deletions.
 */
final class UnfinishedCheckout {

  private UnfinishedCheckout() {}

  /** Whether {@code w} is such a worktree (git's lock says {@code initializing}). */
  static boolean is(Git.WorktreeEntry w) {
    if (w.main() || !w.locked() || !Files.isDirectory(w.path())) {
      return false;
    }
    Path gitDir = Repo.gitDirOf(w.path());
    try {
      return gitDir != null && Files.readString(gitDir.resolve("locked")).strip().equals("initializing");
    } catch (IOException e) {
      return false;
    }
  }

  /** Finishes its checkout when it is one; returns git's entry for it as it is afterwards. */
  static Git.WorktreeEntry finish(Git git, Path main, Git.WorktreeEntry w, Reporter reporter) {
    if (!is(w)) {
      return w;
    }
    reporter.progress("finishing the checkout of " + w.path() + ", cut off when it was made");
    git.finishCheckout(main, w.path(), Repo.gitDirOf(w.path()));
    List<Git.WorktreeEntry> now = git.worktrees(main);
    return now.stream().filter(e -> e.path().equals(w.path())).findFirst().orElse(w);
  }
}
