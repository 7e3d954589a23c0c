package dev.wt.app.worktree;

import dev.wt.port.GitFiles;
import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a worktree whose folder is gone went, when it was moved or renamed beside where it was
 * (mv, a file manager) instead of with {@code git worktree move}: git's entry then names a missing
 * folder, while the moved folder's {@code .git} file still names the entry's admin folder. Such a
 * worktree is alive, and its databases the user's work: {@code git worktree repair} makes git see
 * it again.
 */
public final class MovedWorktree {

  /** A parent folder holding more than this many folders is not searched (a home or a mount). */
  private static final int MAX_FOLDERS = 5_000;

  private MovedWorktree() {}

  /** The folder the worktree once at {@code vanished} was moved to, if it sits in the same parent folder. */
  public static Optional<Path> find(LocalFiles disk, Path commonDir, Path vanished) {
    GitFiles files = new GitFiles(disk);
    Path admin = files.orphanedGitDir(commonDir, vanished);
    Path parent = vanished.getParent();
    if (admin == null || parent == null || !disk.isDirectory(parent)) {
      return Optional.empty();
    }
    Optional<String> adminKey = disk.fileKey(admin);
    List<Path> folders;
    try {
      folders = disk.foldersIn(parent);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (adminKey.isEmpty() || folders.size() > MAX_FOLDERS) {
      return Optional.empty();
    }
    for (Path folder : folders) {
      Path named = folder.equals(vanished) ? null : files.gitDirOf(folder);
      if (named != null && disk.fileKey(named).equals(adminKey)) {
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }

  /** What to run so that git (and wt) find the worktree at {@code movedTo} again. */
  public static String repairHint(Path movedTo) {
    return "moved to " + movedTo + ": git worktree repair " + movedTo + " (or move it back)";
  }
}
