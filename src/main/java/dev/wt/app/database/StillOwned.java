package dev.wt.app.database;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import dev.wt.port.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a refill of a worktree's database ({@code wt db reset}, {@code wt db pull}) makes sure of
 * once it holds the lock it waited for: a {@code wt down} or {@code wt teardown} that held it first
 * may have dropped the database and released the worktree meanwhile, and a refill that went on
 * would make a database (or a record) again that nobody owns. Refused then (exit 1), nothing made.
 */
final class StillOwned {

  private StillOwned() {}

  /**
   * Runs {@code action} holding {@code d}'s lock, once sure there that the worktree's record still
   * lists it and that it is still on the server with the worktree's mark. The lock's file goes
   * with a database that is gone.
   */
  static <T> T locked(DbContext ctx, Postgres.Session s, OwnedDatabase d, String command, Reporter reporter,
      Supplier<T> action) {
    return Refill.lockedWhileThere(ctx.repo().state(), s, d.database(), () -> {
      // the record first: it needs no server, which the last down may have stopped meanwhile
      WorktreeRecord now = listing(ctx, List.of(d), command);
      if (s.database(d.database()).isEmpty()) {
        throw WtException.refused("database " + d.database() + " of worktree " + now.identity().branch()
                + " is no longer on the server (dropped before or while " + command + " waited for it: by wt "
                + "teardown, or by hand); nothing was made",
            "wt db status shows what the worktree has; wt setup makes its databases again");
      }
      requireMarked(s, d.database(), ctx);
      if (ctx.legacyOwner().equals(s.database(d.database()).map(Postgres.DatabaseInfo::comment).orElse(null))) {
        dev.wt.app.resource.LegacyMarks.remark(s, d.database(), ctx.owner(), reporter);
      }
      return action.get();
    });
  }

  /**
   * Makes {@code missing} again with {@code provision} and saves the record, under the worktree's
   * lock (which up, setup and down hold all along) and with the record read again there: a down
   * that released the worktree meanwhile leaves nothing for it to make.
   */
  static WorktreeRecord remake(DbContext ctx, List<OwnedDatabase> missing, String command,
      UnaryOperator<WorktreeRecord> provision, Reporter reporter) {
    StateStore state = ctx.repo().state();
    String branch = ctx.record().identity().branch();
    return state.lockedWorktree(ctx.record().slug(), () -> reporter.progress("waiting for another wt command that "
        + "holds worktree " + branch + " (a wt up, setup or down)"), () -> {
          WorktreeRecord made = provision.apply(listing(ctx, missing, command));
          state.save(made);
          return made;
        });
  }

  /** The worktree's record as it is now; refused unless it still lists each of {@code databases}. */
  private static WorktreeRecord listing(DbContext ctx, List<OwnedDatabase> databases, String command) {
    WorktreeRecord was = ctx.record();
    Optional<WorktreeRecord> now = ctx.repo().state().bySlug(was.slug());
    for (OwnedDatabase d : databases) {
      if (now.isEmpty()) {
        throw WtException.refused("worktree " + was.identity().branch() + " was taken down while " + command
            + " waited for its database " + d.database() + "; nothing was made",
            "wt up " + dev.wt.core.Shell.quote(was.identity().branch()) + " makes the worktree again");
      }
      if (now.get().databases().stream().noneMatch(x -> x.database().equals(d.database()))) {
        throw WtException.refused("database " + d.database() + " is no longer worktree " + was.identity().branch()
            + "'s (released while " + command + " waited for it); nothing was made",
            "wt db status shows what the worktree has; wt setup makes its databases again");
      }
    }
    return now.orElseThrow();
  }

  /**
   * Refused when {@code database} exists without this worktree's mark, or its mark from before
   * repository ids (the worktree's record names it): wt writes only into its own.
   */
  static void requireMarked(Postgres.Session s, String database, DbContext ctx) {
    Optional<Postgres.DatabaseInfo> info = s.database(database);
    String comment = info.map(Postgres.DatabaseInfo::comment).orElse(null);
    if (info.isPresent() && !ctx.owner().equals(comment) && !ctx.legacyOwner().equals(comment)) {
      throw WtException.refused("database " + database + " is not marked as this worktree's ("
          + (info.get().comment() == null ? "no comment" : "comment '" + info.get().comment() + "'") + ")",
          "wt only writes into databases it created; check wt db status");
    }
  }
}
