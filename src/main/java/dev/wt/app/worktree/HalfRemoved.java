package dev.wt.app.worktree;

import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A worktree whose removal {@code wt down} had begun when it was killed: git deletes the files one
 * by one, so what is left looks like deleted work (and may have lost its {@code .git} file). Down
 * marks the worktree's git dir just before removing it, after every check passed and the user's
 * ignored files went to the trash; a re-run that finds the mark finishes the removal.
 */
final class HalfRemoved {

  private static final String MARK = "wt-removing";

  private HalfRemoved() {}

  /** Marks {@code gitDir} (the worktree's own) as being removed by down. */
  static void mark(Path gitDir) {
    if (gitDir == null) {
      return;
    }
    try {
      Files.writeString(gitDir.resolve(MARK), "wt down\n");
    } catch (IOException e) {
      throw WtException.environment("cannot write " + gitDir.resolve(MARK) + ": " + e.getMessage(),
          "check the .git folder's permissions");
    }
  }

  /** Takes the mark back (the removal failed and the worktree stays as it is). */
  static void unmark(Path gitDir) {
    try {
      if (gitDir != null) {
        Files.deleteIfExists(gitDir.resolve(MARK));
      }
    } catch (IOException e) {
      // a stale mark only lets the next down finish a removal the checks already allowed
    }
  }

  /**
   * When the worktree at {@code path} carries the mark, deletes what is left of its folder and
   * returns true; the caller then goes on as for a folder that is gone.
   */
  static boolean finish(Path commonDir, Path path, Reporter reporter) {
    Path gitDir = UnsavedCommits.orphanedGitDir(commonDir, path);
    if (gitDir == null || !Files.isRegularFile(gitDir.resolve(MARK))) {
      return false;
    }
    reporter.progress("finishing the removal of " + path + ", cut off by an interrupted wt down");
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot delete " + path + ": " + e.getMessage(), "delete it by hand, then run wt down again");
    }
    return true;
  }
}
