package dev.wt.app.resource;

import dev.wt.core.DbEngine;
import dev.wt.core.ServerMode;
import dev.wt.core.DbFill;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.LocalFiles;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.wt.app.Repo;

/**
 * Gives a worktree its own databases: creates and marks them on setup (idempotent), drops exactly
 * those on teardown, and writes their URLs into the env.
 */
public final class DatabaseProvisioner implements ResourceProvisioner {

  /** Databases of one worktree made or dropped at once, each over its own connection. */
  static final int PARALLEL = 4;

  private final DatabaseServers servers;
  private final SqliteDatabases sqlite;
  private final CommandDatabases commands;
  private final DatabaseCreator creator;
  private final DatabaseRelease release;
  private final DatabasePreflight preflight;

  /** With {@code [postgres] mode = "command"} run through {@code commands}. */
  public DatabaseProvisioner(DatabaseServers servers, PgTools tools, LocalFiles disk, Map<String, String> env,
      boolean forcePull, CommandDatabases commands) {
    this.servers = servers;
    this.sqlite = new SqliteDatabases(disk);
    this.commands = commands;
    this.creator = new DatabaseCreator(servers, new DatabaseFiller(servers, tools, disk, env), env,
        forcePull);
    this.release = new DatabaseRelease(servers, sqlite, this::commands, new LastWorktree(servers));
    this.preflight = new DatabasePreflight(servers);
  }

  /** Databases {@link #provisionEarly} made or found in this command, with their owner comment. */
  private final Map<OwnedDatabase, Early> early = new java.util.concurrent.ConcurrentHashMap<>();
  /**
   * Databases whose intent this command recorded: one of them found unmarked was not made by an
   * earlier, killed run, so it is never adopted (someone made it while this command ran).
   */
  private final java.util.Set<String> intendedNow = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Where an early database was made, and the owner comment it got. */
  private record Early(PgServer server, String owner) {}

  /** @param forcePull pull into databases that already have tables (--force-db-pull) */
  public DatabaseProvisioner(DatabaseServers servers, PgTools tools, LocalFiles disk, Map<String, String> env,
      boolean forcePull) {
    this(servers, tools, disk, env, forcePull, null);
  }

  @Override
  public String name() {
    return "databases";
  }

  @Override
  public boolean needsLock() {
    // not the allocation lock: a cluster start, a template build or a pull would make every other wt
    // command wait; those take their own named locks below, and only the intent is recorded under it
    return false;
  }

  @Override
  public WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (record.shared()) {
      // the task's databases, made and dropped by its primary worktree; only their variables are here
      record.databases().forEach(d -> reporter.unchanged("database " + d.name() + ": the task's " + d.database()
          + " (held by " + record.sharedFrom() + ")"));
      return record;
    }
    return provision(repo, dropUnwantedEarly(repo, record, reporter), reporter, false);
  }

  /**
   * Creates the empty PostgreSQL databases of a url-mode or embedded server before the worktree's
   * folder exists, with the configuration {@code wt up} read where it runs: {@link #provision}
   * then skips those the new worktree's own configuration names the same way, and drops those it
   * does not. Fills that run programs or read the folder (template, pull, SQLite) wait for setup.
   */
  @Override
  public WorktreeRecord provisionEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    ServerMode mode = servers.mode(repo);
    if (record.shared() || (mode != ServerMode.URL && mode != ServerMode.EMBEDDED)) {
      return record;
    }
    return provision(repo, record, reporter, true);
  }

  /** The databases {@link #provisionEarly} made that this configuration names otherwise: dropped (wt made them). */
  private WorktreeRecord dropUnwantedEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (early.isEmpty()) {
      return record;
    }
    ServerMode mode = servers.mode(repo);
    java.util.Set<OwnedDatabase> wanted = mode == ServerMode.URL || mode == ServerMode.EMBEDDED
        ? new java.util.HashSet<>(intents(repo, record)) : java.util.Set.of();
    // by name and fill: the branch's configuration may give the same database other variables, which
    // does not make it another database; another fill (a template clone) does
    java.util.Set<String> wantedNames = new java.util.HashSet<>();
    wanted.forEach(d -> wantedNames.add(d.database() + "|" + d.fill()));
    List<OwnedDatabase> unwanted = early.keySet().stream()
        .filter(d -> !wantedNames.contains(d.database() + "|" + d.fill())).toList();
    return dropEarly(repo, record, unwanted, reporter);
  }

  /** Drops every database {@link #provisionEarly} made in this command, and only those. */
  @Override
  public WorktreeRecord dropEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    return dropEarly(repo, record, List.copyOf(early.keySet()), reporter);
  }

  /** Drops {@code made} (databases {@link #provisionEarly} made) and takes them out of the record. */
  private WorktreeRecord dropEarly(Repo repo, WorktreeRecord record, List<OwnedDatabase> made, Reporter reporter) {
    if (made.isEmpty()) {
      return record;
    }
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project());
    for (OwnedDatabase d : made) {
      Early at = early.get(d);
      try (Postgres.Session s = servers.postgres().open(at.server(), at.server().adminDatabase())) {
        DatabaseRelease.dropOwned(repo, s, d, at.owner(), plans, reporter);
      }
      early.remove(d);
    }
    List<OwnedDatabase> kept = new ArrayList<>(record.databases());
    kept.removeAll(made);
    WorktreeRecord out = record.withDatabases(kept);
    repo.state().save(out);
    return out;
  }

  /** What {@link #provision} would record for the PostgreSQL databases of this configuration. */
  private List<OwnedDatabase> intents(Repo repo, WorktreeRecord record) {
    ServerMode mode = servers.mode(repo);
    PgServer server = null;
    List<OwnedDatabase> out = new ArrayList<>();
    for (DatabasePlan plan : DatabasePlan.of(repo.config().databases().effective(), repo.project())) {
      if (plan.config().postgres()) {
        server = server != null ? server : servers.server(repo, record, Reporter.SILENT);
        String database = plan.databaseFor(record.identity());
        out.add(new OwnedDatabase(plan.config().name(), DbEngine.POSTGRES, mode, database, server.host(), server.port(),
            server.user(), plan.config().fillType(), plan.vars(server, database)));
      }
    }
    return out;
  }

  private WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter, boolean earlyRun) {
    // mode "none" switches PostgreSQL off; SQLite files need no server and stay
    boolean postgresOff = servers.mode(repo) == ServerMode.NONE;
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project());
    if (earlyRun) {
      plans = plans.stream().filter(p -> p.config().postgres() && p.config().fillType() == DbFill.EMPTY).toList();
    }
    Map<String, OwnedDatabase> owned = new LinkedHashMap<>();
    record.databases().forEach(d -> owned.put(d.name(), d));
    PgServer server = null;
    // each database in its own session, at the same time: creating, cloning or pulling one does not
    // wait for another; each intent is saved just before its CREATE, so that a crash between CREATE and
    // COMMENT can be adopted later
    List<Runnable> steps = new ArrayList<>();
    Map<String, OwnedDatabase> saved = new LinkedHashMap<>(owned);
    WorktreeRecord base = record;
    for (DatabasePlan plan : plans) {
      OwnedDatabase previous = owned.get(plan.config().name());
      if (!plan.config().postgres()) {
        owned.put(plan.config().name(), sqlite.provision(repo, record, plan, previous, reporter));
        continue;
      }
      if (postgresOff) {
        continue;
      }
      if (servers.mode(repo) == ServerMode.COMMAND) {
        String name = plan.config().name();
        Consumer<OwnedDatabase> save = d -> {
          saved.put(name, d);
          WorktreeRecord with = base.withDatabases(new ArrayList<>(saved.values()));
          repo.state().locked(() -> {
            repo.state().save(with);
            return null;
          });
        };
        OwnedDatabase made = commands().provision(repo, record, plan, previous, save, reporter);
        save.accept(made); // made, before the next one's create: a failure there leaves this one recorded
        owned.put(name, made);
        continue;
      }
      if (server == null) {
        WorktreeRecord forServer = record;
        // starting the embedded server (or a container) must happen once, not per racing `wt up`
        server = servers.mode(repo) == ServerMode.URL ? servers.server(repo, record, reporter)
            : servers.serverLocked(repo, () -> servers.server(repo, forServer, reporter));
      }
      String database = plan.databaseFor(record.identity());
      OwnedDatabase intent = new OwnedDatabase(plan.config().name(), DbEngine.POSTGRES, servers.mode(repo), database,
          server.host(), server.port(), server.user(), plan.config().fillType(), plan.vars(server, database));
      if (previous != null && previous.postgres() && !previous.database().equals(database)) {
        reporter.warn("database " + plan.config().name() + " was " + previous.database() + " and is now " + database
            + " (the prefix changed); the old one is left on the server");
      }
      boolean known = previous != null && previous.database().equals(database) && !intendedNow.contains(database);
      owned.put(plan.config().name(), intent);
      if (!earlyRun && early.keySet().stream()
          .anyMatch(d -> d.database().equals(database) && d.fill() == plan.config().fillType())) {
        continue; // made empty by provisionEarly in this run, under this very name
      }
      PgServer on = server;
      Runnable saveIntent = () -> {
        synchronized (saved) {
          intendedNow.add(database);
          saved.put(plan.config().name(), intent);
          WorktreeRecord withIntent = base.withDatabases(new ArrayList<>(saved.values()));
          repo.state().locked(() -> {
            repo.state().save(withIntent);
            return null;
          });
        }
      };
      // a CREATE refused because someone else made the name meanwhile: the record must not call it ours
      Runnable dropIntent = () -> {
        synchronized (saved) {
          if (previous == null || !previous.database().equals(database)) {
            saved.remove(plan.config().name());
          } else {
            saved.put(plan.config().name(), previous);
          }
          WorktreeRecord without = base.withDatabases(new ArrayList<>(saved.values()));
          repo.state().locked(() -> {
            repo.state().save(without);
            return null;
          });
        }
      };
      String owner = OwnedDatabase.ownerComment(repo.project(), record.slug(), repo.key());
      steps.add(() -> {
        boolean created = creator.provisionOne(repo, base, plan, on, database, known, saveIntent, dropIntent, reporter);
        if (earlyRun && created) {
          // only what this run made is the early step's to drop again: one found there may hold data
          early.put(intent, new Early(on, owner));
        }
      });
    }
    dev.wt.app.Concurrently.run(steps, PARALLEL);
    return SqliteDatabases.withSqliteFiles(record.withDatabases(new ArrayList<>(owned.values())));
  }

  @Override
  public void warm(Repo repo) {
    preflight.warm(repo);
  }

  @Override
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    preflight.preflight(repo, identity, reporter);
  }

  private CommandDatabases commands() {
    if (commands == null) {
      throw new IllegalStateException("[postgres] mode = \"command\" without CommandDatabases wired");
    }
    return commands;
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    return release.release(repo, record, reporter);
  }

  @Override
  public java.util.Set<String> variableNames(Repo repo) {
    return preflight.variableNames(repo);
  }
}
