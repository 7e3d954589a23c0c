package dev.wt.app.gc;

import dev.wt.app.Repo;
import dev.wt.app.database.Refill;
import dev.wt.core.Leftovers;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code wt gc} drops a database marked as a dead worktree's (or its staging copy): holding the
 * database's lock, which setup, refills and drops of it hold too, and asking again there whether it
 * is still an orphan. The command gc waited for may have given the name to a live worktree (an up
 * records each database before it creates it) or marked it again.
 */
final class OrphanDrop {

  private OrphanDrop() {}

  /**
   * Lists {@code info} (found on {@code where}), or with {@code yes} drops it once it is still an
   * orphan under its lock; the lock's file goes with it.
   */
  static GcUseCase.Item drop(Repo repo, String key, Postgres.Session s, Postgres.DatabaseInfo info, String where,
      Set<String> protectedNames, boolean thisMachine, LiveWorktrees live, boolean yes, Reporter reporter) {
    String kind = Leftovers.staging(info.name()) ? "staging" : "database";
    String detail = "on " + where + ", marked '" + info.comment() + "'";
    if (!yes) {
      return new GcUseCase.Item(kind, info.name(), detail, GcUseCase.Outcome.FOUND);
    }
    try {
      return Refill.lockedWhileThere(repo.state(), s, info.name(), () -> {
        // read again under the lock: the mark and the live worktrees decide, not what was listed a moment ago
        Optional<Postgres.DatabaseInfo> now = s.database(info.name());
        if (now.isEmpty()) {
          return new GcUseCase.Item(kind, info.name(), detail + "; already gone", GcUseCase.Outcome.RELEASED);
        }
        if (!info.comment().equals(now.get().comment()) || !stillOrphan(repo, key, now.get(), protectedNames, thisMachine, live)) {
          return new GcUseCase.Item(kind, info.name(), "kept: its mark changed while gc ran, or a live worktree "
              + "has it now", GcUseCase.Outcome.KEPT);
        }
        s.drop(info.name());
        reporter.done("database " + info.name() + ": dropped (its worktree is gone)");
        return new GcUseCase.Item(kind, info.name(), detail, GcUseCase.Outcome.RELEASED);
      });
    } catch (WtException e) {
      return new GcUseCase.Item(kind, info.name(), detail + ": " + e.getMessage(), GcUseCase.Outcome.FAILED);
    }
  }

  /**
   * The repository key in a dead worktree's mark on {@code info}: this repository's, or the key of
   * marks made before repository ids when that worktree's record here names the database (as
   * {@code wt down} takes it); empty for anything else. A legacy mark alone proves nothing: a
   * machine with the repository at the same path makes the same one; except on a server that is
   * surely this machine's ({@code thisMachine}: the embedded cluster), where it counts as a new one.
   */
  static Optional<String> orphanKey(Repo repo, Postgres.DatabaseInfo info, Set<String> live,
      Set<String> protectedNames, boolean thisMachine) {
    for (String key : java.util.List.of(repo.key(), repo.legacyKey())) {
      if (Leftovers.orphanDatabase(info.name(), info.comment(), info.template(), key, live, protectedNames)
          && (key.equals(repo.key()) || thisMachine
              || recordNames(repo, Leftovers.markedSlug(info.comment(), key).orElseThrow(), info.name()))) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** A dead worktree's database with only a legacy mark, which no record here names: listed, never dropped. */
  static GcUseCase.Item legacy(Postgres.DatabaseInfo info, String where, dev.wt.core.PgServer server) {
    return new GcUseCase.Item(Leftovers.staging(info.name()) ? "staging" : "database", info.name(), "on " + where
        + ", marked '" + info.comment() + "'; " + dev.wt.app.resource.LegacyMarks.kept(server, info.name(), info.template()),
        GcUseCase.Outcome.KEPT);
  }

  /** Whether the record of worktree {@code slug} names {@code database}, or the database it is the staging copy of. */
  private static boolean recordNames(Repo repo, String slug, String database) {
    return repo.state().bySlug(slug).map(r -> r.databases().stream().anyMatch(d -> d.database().equals(database)
        || Refill.stagingName(d.database()).equals(database))).orElse(false);
  }

  /** Still marked as a dead worktree's, and recorded by no other worktree (one that claimed the name). */
  private static boolean stillOrphan(Repo repo, String key, Postgres.DatabaseInfo now, Set<String> protectedNames,
      boolean thisMachine, LiveWorktrees live) {
    if (!orphanKey(repo, now, live.slugs(repo), protectedNames, thisMachine).equals(Optional.of(key))) {
      return false;
    }
    Optional<String> slug = Leftovers.markedSlug(now.comment(), key);
    return repo.state().all().stream().noneMatch(r -> !slug.equals(Optional.of(r.slug()))
        && r.databases().stream().anyMatch(d -> d.database().equals(now.name())));
  }
}
