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
  static GcUseCase.Item drop(Repo repo, Postgres.Session s, Postgres.DatabaseInfo info, String where,
      Set<String> protectedNames, LiveWorktrees live, boolean yes, Reporter reporter) {
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
        if (!info.comment().equals(now.get().comment()) || !stillOrphan(repo, now.get(), protectedNames, live)) {
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

  /** Still marked as a dead worktree's, and recorded by no other worktree (one that claimed the name). */
  private static boolean stillOrphan(Repo repo, Postgres.DatabaseInfo now, Set<String> protectedNames,
      LiveWorktrees live) {
    if (!Leftovers.orphanDatabase(now.name(), now.comment(), now.template(), repo.key(), live.slugs(repo),
        protectedNames)) {
      return false;
    }
    Optional<String> slug = Leftovers.markedSlug(now.comment(), repo.key());
    return repo.state().all().stream().noneMatch(r -> !slug.equals(Optional.of(r.slug()))
        && r.databases().stream().anyMatch(d -> d.database().equals(now.name())));
  }
}
