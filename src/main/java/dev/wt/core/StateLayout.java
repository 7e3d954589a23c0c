package dev.wt.core;

import java.nio.file.Path;

/**
 * The one place that knows where wt keeps a repository's state, all under {@code <git common
 * dir>/wt}: the repository's id, one record per worktree ({@code worktrees/<slug>.json}), named
 * locks, and the trash.
 * Shared by every checkout of the repository, and gone with it.
 */
public final class StateLayout {

  private StateLayout() {}

  /** {@code <common>/wt}: everything wt keeps for the repository. */
  public static Path root(Path commonDir) {
    return commonDir.resolve("wt");
  }

  /**
   * {@code <common>/wt/id}: the repository's random id, in the marks of its databases; made once,
   * never replaced ({@link RepositoryId}).
   */
  public static Path id(Path commonDir) {
    return root(commonDir).resolve("id");
  }

  /** {@code <common>/wt/worktrees}: the records, and each worktree's setup lock beside its record. */
  public static Path records(Path commonDir) {
    return root(commonDir).resolve("worktrees");
  }

  /** {@code <common>/wt/worktrees/<slug>.json}: the record of one worktree. */
  public static Path record(Path commonDir, String slug) {
    return records(commonDir).resolve(slug + ".json");
  }

  /** {@code <common>/wt/lock}: the state lock, held while names, ports and database rows are allocated. */
  public static Path stateLock(Path commonDir) {
    return root(commonDir).resolve("lock");
  }

  /** {@code <common>/wt/worktrees/<slug>.lock}: the worktree's setup lock, which goes with its record. */
  public static Path worktreeLock(Path commonDir, String slug) {
    return records(commonDir).resolve(slug + ".lock");
  }

  /** {@code <common>/wt/locks/<name>.lock}: a named lock. */
  public static Path lock(Path commonDir, String name) {
    return locks(commonDir).resolve(name + ".lock");
  }

  /** {@code <common>/wt/locks/<name>.intent}: set while work under the named lock is part done. */
  public static Path intent(Path commonDir, String name) {
    return locks(commonDir).resolve(name + ".intent");
  }

  /** {@code <common>/wt/locks/<name>.users}: the marks of the commands using {@code name} (a server), one file each. */
  public static Path users(Path commonDir, String name) {
    return locks(commonDir).resolve(name + ".users");
  }

  /** {@code <common>/wt/locks}: the named locks. */
  public static Path locks(Path commonDir) {
    return root(commonDir).resolve("locks");
  }

  /** {@code <common>/wt/trash}: the user's ignored files, moved there by {@code wt down}. */
  public static Path trash(Path commonDir) {
    return root(commonDir).resolve("trash");
  }
}
