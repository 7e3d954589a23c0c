package dev.wt.app.resource;

import dev.wt.core.DbFill;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.Map;
import java.util.Optional;
import dev.wt.app.database.Refill;
import dev.wt.app.Repo;

/** Creates, fills or adopts one PostgreSQL database under its lock; never takes one it does not own. */
final class DatabaseCreator {

  private final DatabaseServers servers;
  private final DatabaseFiller filler;
  private final Map<String, String> env;
  private final boolean forcePull;

  DatabaseCreator(DatabaseServers servers, DatabaseFiller filler, Map<String, String> env, boolean forcePull) {
    this.servers = servers;
    this.filler = filler;
    this.env = Map.copyOf(env);
    this.forcePull = forcePull;
  }

  /**
   * Returns whether this call created the database (not found it there). Under the database's lock:
   * a {@code wt db reset} of it swapping a copy in meanwhile would find it made under its feet.
   */
  boolean provisionOne(Repo repo, WorktreeRecord record, DatabasePlan plan, PgServer server, String database,
      boolean known, Runnable saveIntent, Runnable dropIntent, Reporter reporter) {
    return Refill.locked(repo.state(), database,
        () -> provisionHeld(repo, record, plan, server, database, known, saveIntent, dropIntent, reporter));
  }

  private boolean provisionHeld(Repo repo, WorktreeRecord record, DatabasePlan plan, PgServer server, String database,
      boolean known, Runnable saveIntent, Runnable dropIntent, Reporter reporter) {
    String owner = OwnedDatabase.ownerComment(repo.project(), record.slug(), repo.key());
    int limit = servers.config(repo).connectionLimit();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      Optional<Postgres.DatabaseInfo> info = s.database(database);
      if (info.isPresent()) {
        String comment = info.get().comment();
        if (comment == null && known) {
          s.comment(database, owner);
          s.connectionLimit(database, limit);
          reporter.done("database " + database + ": adopted (created by an interrupted setup)");
        } else if (known && LegacyMarks.owner(repo, record.slug()).equals(comment)) {
          LegacyMarks.remark(s, database, owner, reporter); // the record here names it: this worktree's
        } else if (!owner.equals(comment)) {
          throw notOurs(plan, server, database, comment);
        } else {
          reporter.unchanged("database " + database + ": exists (" + server.maskedUrl(database) + ")");
        }
        if (plan.config().fillType() == DbFill.PULL) {
          filler.pullIfEmpty(repo, plan, server, s, database, owner, limit, forcePull(), reporter);
        }
        return false;
      }
      if (known && Refill.finishInterrupted(s, database, owner, LegacyMarks.owner(repo, record.slug()), reporter)) {
        s.connectionLimit(database, limit);
        return false;
      }
      long started = System.nanoTime();
      saveIntent.run();
      if (plan.config().fillType() == DbFill.TEMPLATE) {
        // built once, whoever comes first (under the template lock); the others wait there, not on the allocation lock
        filler.cloneTemplate(repo, s, plan, server, () -> create(s, database, plan.template(), known, dropIntent,
            reporter), reporter);
      } else {
        create(s, database, null, known, dropIntent, reporter);
      }
      s.comment(database, owner);
      s.connectionLimit(database, limit);
      String how = plan.config().fillType() == DbFill.TEMPLATE ? "cloned from " + plan.template() : "created empty";
      reporter.done("database " + database + ": " + how + " in " + (System.nanoTime() - started) / 1_000_000 + " ms ("
          + server.maskedUrl(database) + ")");
      if (plan.config().fillType() == DbFill.PULL) {
        filler.pullIfEmpty(repo, plan, server, s, database, owner, limit, true, reporter);
      }
      return true;
    }
  }

  /**
   * CREATE DATABASE, when a killed wt's CREATE of the same name may still run on the server (the
   * server finishes a statement whose client is gone): ours then fails on the name, and the
   * database that statement made, unmarked, is taken over, but only when {@code known}: an earlier
   * run recorded the intent before this one started. Otherwise the name was taken by someone else
   * since this run looked (while it waited for the template lock, say): refused, never adopted.
   */
  private static void create(Postgres.Session s, String database, String template, boolean known, Runnable dropIntent,
      Reporter reporter) {
    try {
      s.create(database, template);
    } catch (WtException e) {
      Optional<Postgres.DatabaseInfo> made = s.database(database);
      if (made.isPresent() && !known) {
        dropIntent.run();
        throw WtException.refused("database " + database + " was created by someone else while wt was setting up "
            + "(comment " + (made.get().comment() == null ? "empty" : "'" + made.get().comment() + "'") + ")",
            "wt never writes into a database it does not own: drop or rename it yourself, then run wt setup");
      }
      if (made.isEmpty() || made.get().comment() != null) {
        throw e;
      }
      reporter.done("database " + database + ": adopted (created by an interrupted setup)");
    }
  }

  static WtException notOurs(DatabasePlan plan, PgServer server, String database, String comment) {
    return WtException.refused("database " + database + " exists on " + server.host() + ":" + server.port()
        + " and is not marked as this worktree's (its comment is " + (comment == null ? "empty" : "'" + comment + "'") + ")",
        "wt never writes into a database it does not own: drop or rename it yourself, or set another "
            + "databases." + plan.config().name() + ".prefix");
  }

  private boolean forcePull() {
    return DatabaseFiller.forced(forcePull, env);
  }
}
