package dev.wt.port;

import dev.wt.core.WorktreeRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Durable records of provisioned worktrees, shared by every worktree of one repository. */
public interface StateStore {

  List<WorktreeRecord> all();

  /**
   * The repository's random id, made the first time it is asked for and never replaced; refused
   * (exit 3) when it cannot be read or made. Read once per store: the marks of every database need it.
   */
  dev.wt.core.RepositoryId repositoryId();

  Optional<WorktreeRecord> bySlug(String slug);

  /** Saves atomically: a crash leaves either the old or the new record, never half of one. */
  void save(WorktreeRecord record);

  /** Removes a record; removing one that is gone is not an error. */
  void delete(String slug);

  /** Runs {@code action} holding the repository-wide allocation lock (across processes). */
  <T> T locked(Supplier<T> action);

  /**
   * Runs {@code action} holding the lock of one worktree (across processes), so that two setups
   * of it never interleave; {@code onWait} runs once if another command holds it. Held for a
   * whole setup, unlike {@link #locked}, which is held only for allocations.
   */
  <T> T lockedWorktree(String slug, Runnable onWait, Supplier<T> action);

  /**
   * Runs {@code action} holding the lock of one worktree only if no other command holds it (an up
   * or setup making it, a down releasing it); empty, without waiting, when one does.
   */
  <T> Optional<T> ifWorktreeIdle(String slug, Supplier<T> action);

  /**
   * Runs {@code action} holding the lock called {@code name} (across processes), not the allocation
   * lock: for work that must happen once (starting a server, building a template) and may take long.
   */
  default <T> T locked(String name, Supplier<T> action) {
    return locked(action);
  }

  /**
   * {@link #locked(String, Supplier)} for a lock of something that may go away (a database): when
   * {@code retire} says so after {@code action}, the lock's file goes too, and a command waiting for
   * it takes a new one.
   */
  default <T> T locked(String name, Supplier<T> action, java.util.function.BooleanSupplier retire) {
    return locked(name, action);
  }

  /**
   * Whether the intent {@code name} is set: a step this repository began (under the lock of the
   * same name) and has not finished, such as a CREATE DATABASE whose result is not yet marked.
   */
  boolean intended(String name);

  /** Sets or clears the intent {@code name}; durable, so a command killed meanwhile leaves it set. */
  void intend(String name, boolean on);

  /**
   * Marks this command as a user of {@code name} (a server wt may stop) until the mark is closed
   * or the process ends, whichever comes first. Taken under the lock the stop is decided under, so a
   * stop either sees it or happens before it.
   */
  Use use(String name);

  /** Whether a command other than the holder of {@code own} (null: any) marks {@code name} used; marks of ended processes go. */
  boolean usedByOthers(String name, Use own);

  /** A mark of {@link #use}; closing it twice is harmless. */
  interface Use extends AutoCloseable {
    @Override
    void close();
  }
}
