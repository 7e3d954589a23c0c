package dev.wt.app.database;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import dev.wt.port.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way wt refills a database that may hold data (forced pull in setup, {@code db reset},
 * {@code db pull}, template refresh): the source is checked first, the new data goes into a staging
 * database {@code <db>_wt_pull} carrying the target's mark, unfinished until the fill is complete
 * (so {@code wt gc} finds a leftover, and no later run renames a half-filled one in), and only a
 * complete copy replaces the target. On failure the target is untouched and the error says so.
 *
 * @param from what the new data comes from, for messages
 * @param check runs before anything is made: a source that is not there fails here
 * @param create creates the staging database (empty, or as a copy of a template)
 * @param fill restores into the staging database once it exists and is marked (may do nothing)
 */
public record Refill(String from, Runnable check, BiConsumer<Postgres.Session, String> create, Consumer<String> fill) {

  /** Appended to the target's name (cut to 55 bytes) for the staging database. */
  static final String STAGING_SUFFIX = "_wt_pull";

  /** A copy of a template database. */
  static Refill cloneOf(String template) {
    return new Refill(template, () -> { }, (s, staging) -> s.create(staging, template), staging -> { });
  }

  /** An empty database. */
  static Refill empty() {
    return new Refill("nothing (empty)", () -> { }, (s, staging) -> s.create(staging, null), staging -> { });
  }

  public static String stagingName(String database) {
    return (database.length() > 55 ? database.substring(0, 55) : database) + STAGING_SUFFIX;
  }

  /**
   * Replaces {@code target} (marked {@code mark}) with a fresh copy from this source.
   *
   * <p>The staging copy is made under an intent in {@code state} and carries the
   * {@linkplain OwnedDatabase#unfinished unfinished} mark until the fill is complete; only then
   * does it get {@code mark}, the one {@link #finishInterrupted} and a template build rename in.
   * A leftover of an interrupted refill of this checkout is dropped and made again; anything else
   * at the staging name is refused.
   *
   * @param legacy the target's mark from before repository ids, where a record here names the target
   *     (a leftover carrying it is this checkout's too, docs/databases.md, upgrading); null elsewhere
   * @param template whether the target is a template database (IS_TEMPLATE is moved with it)
   */
  public void replace(Postgres.Session s, StateStore state, String target, String mark, String legacy,
      boolean template, Reporter reporter) {
    // two refills of one database at once would each drop the other's staging copy (or rename it in)
    locked(state, target, () -> {
      replaceHeld(s, state, target, mark, legacy, template, reporter);
      return null;
    });
  }

  /**
   * Runs {@code action} holding the lock of {@code database} (across processes): its refills (db
   * reset, db pull, template refresh, a forced pull in setup), its creation by setup and its drop
   * take turns. Re-entrant within one thread.
   */
  public static <T> T locked(StateStore state, String database, Supplier<T> action) {
    return state.locked(lockName(database), action);
  }

  /** {@link #locked}, then the lock's file goes when {@code gone} says the database is no more. */
  private static <T> T locked(StateStore state, String database, Supplier<T> action, BooleanSupplier gone) {
    return state.locked(lockName(database), action, gone);
  }

  /**
   * {@link #locked}, and the lock's file goes when {@code database} is gone afterwards (dropped under
   * it, or never made): a database that comes back later gets a lock of its own.
   */
  public static <T> T lockedWhileThere(StateStore state, Postgres.Session s, String database, Supplier<T> action) {
    return locked(state, database, action, () -> gone(s, database));
  }

  /** Whether {@code database} is surely gone; false when the server cannot say. */
  private static boolean gone(Postgres.Session s, String database) {
    try {
      return s.database(database).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String lockName(String database) {
    return "db-" + database;
  }

  private void replaceHeld(Postgres.Session s, StateStore state, String target, String mark, String legacy,
      boolean template, Reporter reporter) {
    String staging = stagingName(target);
    List<String> marks = legacy == null ? List.of(mark, OwnedDatabase.unfinished(mark))
        : List.of(mark, OwnedDatabase.unfinished(mark), legacy, OwnedDatabase.unfinished(legacy));
    Optional<Postgres.DatabaseInfo> leftover = s.database(staging);
    if (leftover.isPresent() && !StagingCopy.ours(state, leftover.get(), marks)) {
      throw StagingCopy.notOurs(leftover.get(), "wt's staging copy for " + target,
          "wt did not make it: drop or rename it yourself; " + target + " was not changed");
    }
    try {
      check.run();
      // a staging copy an interrupted refill of this checkout left is incomplete: start again
      StagingCopy.dropIfOurs(state, s, staging, marks);
      StagingCopy.create(state, s, staging, OwnedDatabase.unfinished(mark), () -> create.accept(s, staging));
      fill.accept(staging);
      // complete: from now on it may replace the target, here or in a run that finishes this one
      s.comment(staging, mark);
    } catch (WtException e) {
      dropQuietly(s, state, staging, marks);
      throw new WtException(e.exitCode(), target + " keeps its data (nothing was replaced): " + e.getMessage(),
          e.hint(), e);
    }
    boolean exists = s.database(target).isPresent();
    if (exists && template) {
      s.setTemplate(target, false);
    }
    // DROP and RENAME cannot share a transaction; finishInterrupted() completes a swap cut off between them
    s.drop(target);
    s.rename(staging, target);
    if (template) {
      s.setTemplate(target, true);
    }
    reporter.progress("database " + target + ": replaced by the copy from " + from);
  }

  /**
   * Completes a swap cut off after the old database was dropped: the complete staging copy is
   * renamed in; one that carries {@code legacy} (an older build's, where a record here names the
   * target) is marked {@code mark} then. Returns whether it did.
   */
  public static boolean finishInterrupted(Postgres.Session s, String target, String mark, String legacy,
      Reporter reporter) {
    String staging = stagingName(target);
    Optional<Postgres.DatabaseInfo> interrupted = s.database(staging);
    String comment = interrupted.map(Postgres.DatabaseInfo::comment).orElse(null);
    if (s.database(target).isPresent() || comment == null || !comment.equals(mark) && !comment.equals(legacy)) {
      return false;
    }
    s.rename(staging, target);
    reporter.done("database " + target + ": finished an interrupted refill (renamed " + staging + " in)");
    if (!comment.equals(mark)) {
      dev.wt.app.resource.LegacyMarks.remark(s, target, mark, reporter);
    }
    return true;
  }

  private static void dropQuietly(Postgres.Session s, StateStore state, String staging, List<String> marks) {
    try {
      StagingCopy.dropIfOurs(state, s, staging, marks);
    } catch (WtException ignored) {
      // the server went away mid-refill; the marked leftover is dropped by the next refill or wt gc
    }
  }
}
