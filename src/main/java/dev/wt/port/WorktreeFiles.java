package dev.wt.port;

import java.nio.file.Path;
import java.util.Optional;

/**
 * File operations on worktrees, each safe to repeat and never writing through a symlink. Every
 * target is a path relative to the worktree; one whose folder really lies outside it (a committed
 * symlink on the way) is refused ({@link RealPaths#inside}).
 */
public interface WorktreeFiles {

  /** What an operation did. */
  enum Outcome { CREATED, UPDATED, UNCHANGED, SKIPPED }

  /** Result of one operation, with the fingerprint of what is now at the target. */
  record Result(Outcome outcome, String sha256, String detail) {}

  /** Makes {@code rel} in {@code worktree} a symlink to {@code source}; leaves a different existing file alone. */
  Result symlink(Path source, Path worktree, String rel);

  /** Copies a file or folder to {@code rel} in {@code worktree} (copy-on-write where it can); never overwrites. */
  Result copy(Path source, Path worktree, String rel);

  /**
   * Writes {@code content} to {@code rel} in {@code worktree} as a regular file with the given permissions,
   * replacing a symlink at that path instead of writing through it.
   *
   * @param owned the fingerprint wt recorded last time; a file that differs from it was edited
   *     by the user and is replaced only when {@code force}
   */
  Result writeGenerated(Path worktree, String rel, String content, boolean privateMode, String owned, boolean force);

  /** Fingerprint of a file's content (or a symlink's target); empty when it does not exist. */
  Optional<String> fingerprint(Path path);

  /**
   * Deletes {@code rel} in {@code worktree} if its fingerprint is still {@code sha256}; returns
   * whether it did. Never deletes through a symlinked folder that leads out of the worktree.
   */
  boolean deleteIfUnchanged(Path worktree, String rel, String sha256);

  /**
   * Moves a file, symlink (not its target) or folder to {@code target}, creating its parents and
   * never replacing anything there; across file systems it copies, then deletes. Returns the number
   * of files (symlinks included) moved.
   */
  int moveAway(Path source, Path target);

  /**
   * Renames a folder to {@code target} (whose parents it creates) when both are on one file system;
   * false, with the folder left where it was, when a rename cannot do it.
   */
  default boolean moveAside(Path source, Path target) {
    return false;
  }

  /**
   * Whether a removed worktree's folder {@code tree} may become a new worktree by a checkout over
   * it: a real folder holding no entry git would leave alone or could not rewrite (see the adapter).
   */
  default boolean plainTree(Path tree) {
    return false;
  }

  /**
   * Deletes {@code folder} in a detached process of its own session that outlives wt; does nothing
   * while such a process is already deleting it.
   */
  default void deleteDetached(Path folder) {
  }
}
