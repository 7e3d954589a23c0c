package dev.wt.port;

import java.nio.file.Path;
import java.util.Optional;

/** File operations on worktrees, each safe to repeat and never writing through a symlink. */
public interface WorktreeFiles {

  /** What an operation did. */
  enum Outcome { CREATED, UPDATED, UNCHANGED, SKIPPED }

  /** Result of one operation, with the fingerprint of what is now at the target. */
  record Result(Outcome outcome, String sha256, String detail) {}

  /** Makes {@code target} a symlink to {@code source}; leaves a different existing file alone. */
  Result symlink(Path source, Path target);

  /** Copies a file or folder (copy-on-write where the file system can); never overwrites. */
  Result copy(Path source, Path target);

  /**
   * Writes {@code content} to {@code target} as a regular file with the given permissions,
   * replacing a symlink at that path instead of writing through it.
   *
   * @param owned the fingerprint wt recorded last time; a file that differs from it was edited
   *     by the user and is replaced only when {@code force}
   */
  Result writeGenerated(Path target, String content, boolean privateMode, String owned, boolean force);

  /** Fingerprint of a file's content (or a symlink's target); empty when it does not exist. */
  Optional<String> fingerprint(Path path);

  /** Deletes {@code path} if its fingerprint is still {@code sha256}; returns whether it did. */
  boolean deleteIfUnchanged(Path path, String sha256);

  /**
   * Moves a file, symlink (not its target) or folder to {@code target}, creating its parents and
   * never replacing anything there; across file systems it copies, then deletes. Returns the number
   * of files (symlinks included) moved.
   */
  int moveAway(Path source, Path target);
}
