package dev.wt.core;

import java.util.Objects;

/**
 * Who a worktree's SQLite file belongs to, recorded when setup found or made it: wt deletes only a
 * file it made, still at the same real path and still the same file (inode), whatever its content.
 *
 * @param realPath the file's path with every symlink resolved
 * @param fileKey the file system's identity of the file (device and inode); null where there is none
 * @param madeByWt true when wt created or copied it; false for a file that was there before setup
 */
public record SqliteFile(String realPath, String fileKey, boolean madeByWt) {
  public SqliteFile {
    WorktreeRecord.usablePath("realPath", Objects.requireNonNull(realPath, "realPath"));
  }
}
