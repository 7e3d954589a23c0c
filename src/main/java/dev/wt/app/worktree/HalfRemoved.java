package dev.wt.app.worktree;

import dev.wt.core.WtException;
import dev.wt.port.FileTrees;
import dev.wt.port.GitFiles;
import dev.wt.port.LocalFiles;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A worktree whose removal {@code wt down} had begun when it was killed. Down normally renames the
 * folder aside in one step; where it cannot (another file system) git deletes the files one by one,
 * so what a kill leaves looks like deleted work. Down marks the worktree's git dir just before
 * removing it, after every check passed and the user's ignored files went to the trash; a re-run
 * that finds the mark finishes the removal.
 */
final class HalfRemoved {

  private static final String MARK = "wt-removing";

  private final LocalFiles disk;

  HalfRemoved(LocalFiles disk) {
    this.disk = disk;
  }

  /** Marks {@code gitDir} (the worktree's own) as being removed by down. */
  void mark(Path gitDir) {
    if (gitDir == null) {
      return;
    }
    try {
      disk.write(gitDir.resolve(MARK), "wt down\n");
    } catch (IOException e) {
      throw WtException.environment("cannot write " + gitDir.resolve(MARK) + ": " + e.getMessage(),
          "check the .git folder's permissions");
    }
  }

  /** Takes the mark back (the removal failed and the worktree stays as it is). */
  void unmark(Path gitDir) {
    try {
      if (gitDir != null) {
        disk.deleteIfExists(gitDir.resolve(MARK));
      }
    } catch (IOException e) {
      // a stale mark only lets the next down finish a removal the checks already allowed
    }
  }

  /**
   * When the worktree at {@code path} carries the mark, deletes what is left of its folder and
   * returns true; the caller then goes on as for a folder that is gone.
   */
  boolean finish(Path commonDir, Path path, Reporter reporter) {
    Path gitDir = new GitFiles(disk).orphanedGitDir(commonDir, path);
    if (gitDir == null || !disk.isFile(gitDir.resolve(MARK))) {
      return false;
    }
    reporter.progress("finishing the removal of " + path + ", cut off by an interrupted wt down");
    try {
      FileTrees.delete(path);
    } catch (IOException e) {
      throw WtException.environment("cannot delete " + path + ": " + e.getMessage(), "delete it by hand, then run wt down again");
    }
    return true;
  }
}
