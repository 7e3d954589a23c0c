package dev.wt.app.resource;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.ServerMode;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.wt.app.database.Refill;
import dev.wt.app.database.StagingCopy;
import dev.wt.app.Repo;

/** Gives back a worktree's databases on teardown, dropping only those marked as its own. */
final class DatabaseRelease {

  private final DatabaseServers servers;
  private final SqliteDatabases sqlite;
  private final Supplier<CommandDatabases> commands;
  private final LastWorktree last;

  DatabaseRelease(DatabaseServers servers, SqliteDatabases sqlite, Supplier<CommandDatabases> commands,
      LastWorktree last) {
    this.servers = servers;
    this.sqlite = sqlite;
    this.commands = commands;
    this.last = last;
  }

  /** {@link ResourceProvisioner#release} of {@link DatabaseProvisioner}. */
  WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (record.databases().isEmpty()) {
      return record;
    }
    if (record.shared()) {
      reporter.unchanged("databases left to " + record.sharedFrom() + ", the task's primary worktree");
      return record.withDatabases(List.of());
    }
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project());
    String owner = OwnedDatabase.ownerComment(repo.project(), record.slug(), repo.key());
    List<OwnedDatabase> left = new ArrayList<>();
    if (record.databases().stream().anyMatch(d -> d.mode() == ServerMode.CONTAINER)) {
      // the worktree's own container holds nothing but its databases: removing it releases them all
      servers.docker().removeContainer(repo.serverKey(), record, reporter);
      record.databases().stream().filter(d -> !d.postgres()).forEach(d -> sqlite.release(d, record.path(), reporter));
      return record.withDatabases(left);
    }
    PgServer server = null;
    List<Runnable> drops = new ArrayList<>();
    for (OwnedDatabase d : record.databases()) {
      if (!d.postgres()) {
        sqlite.release(d, record.path(), reporter);
        continue;
      }
      if (d.mode() == ServerMode.COMMAND) {
        commands.get().release(repo, record, d, reporter);
        continue;
      }
      if (server == null) {
        if (servers.mode(repo) == ServerMode.EMBEDDED && !servers.embedded().status(servers.embeddedSettings(repo)).initialised()) {
          reporter.unchanged("database " + d.database() + ": the embedded cluster is gone, nothing to drop");
          continue;
        }
        server = servers.server(repo, record, reporter);
      }
      PgServer on = server;
      drops.add(() -> {
        try (Postgres.Session s = servers.postgres().open(on, on.adminDatabase())) {
          dropOwned(repo, s, d, owner, plans, reporter);
        }
      });
    }
    dev.wt.app.Concurrently.run(drops, DatabaseProvisioner.PARALLEL);
    last.release(repo, record, server, reporter);
    return record.withDatabases(left);
  }

  /** Under the database's lock (a refill of it finishes first), whose file goes with the database. */
  static void dropOwned(Repo repo, Postgres.Session s, OwnedDatabase d, String expected, List<DatabasePlan> plans,
      Reporter reporter) {
    Refill.lockedWhileThere(repo.state(), s, d.database(), () -> {
      dropHeld(repo, s, d, expected, plans, reporter);
      return null;
    });
  }

  private static void dropHeld(Repo repo, Postgres.Session s, OwnedDatabase d, String expected, List<DatabasePlan> plans,
      Reporter reporter) {
    String owner = markOf(repo, s, d.database(), expected);
    String staging = Refill.stagingName(d.database());
    // the record names the database: a staging copy with its mark from before repository ids is this worktree's too
    String twin = LegacyMarks.twin(repo, owner);
    if (StagingCopy.dropIfOurs(repo.state(), s, staging, List.of(owner, OwnedDatabase.unfinished(owner), twin,
        OwnedDatabase.unfinished(twin)))) {
      // the staging copy of a refill that was cut off: this worktree's too, and of no use without it
      reporter.done("database " + staging + ": dropped (left by an interrupted refill)");
    }
    Optional<Postgres.DatabaseInfo> info = s.database(d.database());
    if (info.isEmpty()) {
      reporter.unchanged("database " + d.database() + ": already gone");
      return;
    }
    boolean protectedName = plans.stream().anyMatch(p -> p.template().equals(d.database()) || p.main().equals(d.database()))
        || d.database().equals("postgres") || d.database().startsWith("template");
    if (protectedName || info.get().template() || !owner.equals(info.get().comment())) {
      reporter.warn("database " + d.database() + ": left in place, it is not marked as this worktree's ("
          + (info.get().comment() == null ? "no comment" : "comment '" + info.get().comment() + "'") + ")");
      return;
    }
    long started = System.nanoTime();
    s.drop(d.database());
    reporter.done("database " + d.database() + ": dropped in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  /**
   * The mark a worktree's recorded database carries: {@code expected}, or the same worktree's mark
   * (this repository, this slug) naming another project, or either made before repository ids. A
   * branch's wt.toml may name another project than the configuration where down runs: the worktree
   * was set up with its own. The record names the database, so a legacy mark is taken as this
   * worktree's ({@link LegacyMarks}).
   */
  private static String markOf(Repo repo, Postgres.Session s, String database, String expected) {
    Optional<String> slug = dev.wt.core.Leftovers.markedSlug(expected, repo.key());
    return s.database(database).map(Postgres.DatabaseInfo::comment)
        .filter(c -> c.equals(OwnedDatabase.finished(c)) && slug.isPresent()
            && (dev.wt.core.Leftovers.markedSlug(c, repo.key()).equals(slug)
                || dev.wt.core.Leftovers.markedSlug(c, repo.legacyKey()).equals(slug)))
        .orElse(expected);
  }
}
