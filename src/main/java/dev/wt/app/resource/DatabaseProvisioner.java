package dev.wt.app.resource;

import dev.wt.core.DbEngine;
import dev.wt.core.ServerMode;
import dev.wt.core.DbFill;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.LocalFiles;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import dev.wt.app.database.Refill;
import dev.wt.app.database.StagingCopy;
import dev.wt.app.Repo;

/**
 * Gives a worktree its own databases: creates and marks them on setup (idempotent), drops exactly
 * those on teardown, and writes their URLs into the env.
 */
public final class DatabaseProvisioner implements ResourceProvisioner {

  /** Databases of one worktree made or dropped at once, each over its own connection. */
  private static final int PARALLEL = 4;

  private final DatabaseServers servers;
  private final DatabaseFiller filler;
  private final SqliteDatabases sqlite;
  private final Map<String, String> env;
  private final boolean forcePull;
  private final CommandDatabases commands;
  private final LastWorktree last;

  /** With {@code [postgres] mode = "command"} run through {@code commands}. */
  public DatabaseProvisioner(DatabaseServers servers, PgTools tools, LocalFiles disk, Map<String, String> env,
      boolean forcePull, CommandDatabases commands) {
    this.forcePull = forcePull;
    this.servers = servers;
    this.filler = new DatabaseFiller(servers.postgres(), tools, disk, env);
    this.sqlite = new SqliteDatabases(disk);
    this.env = Map.copyOf(env);
    this.commands = commands;
    this.last = new LastWorktree(servers);
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
        dropOwned(repo, s, d, at.owner(), plans, reporter);
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
        boolean created = provisionOne(repo, base, plan, on, database, known, saveIntent, dropIntent, reporter);
        if (earlyRun && created) {
          // only what this run made is the early step's to drop again: one found there may hold data
          early.put(intent, new Early(on, owner));
        }
      });
    }
    dev.wt.app.Concurrently.run(steps, PARALLEL);
    return withSqliteFiles(record.withDatabases(new ArrayList<>(owned.values())));
  }

  /** SQLite files wt made are wt's files too: listed so the dirty check skips them and git ignores them. */
  private static WorktreeRecord withSqliteFiles(WorktreeRecord record) {
    List<dev.wt.core.GeneratedFile> files = new ArrayList<>(record.files());
    java.nio.file.Path root = java.nio.file.Path.of(record.path());
    for (OwnedDatabase d : record.databases()) {
      // a file that was there before setup is the user's: not listed, so down treats it as theirs
      if (!d.postgres() && (d.file() == null || d.file().madeByWt())) {
        String rel = root.relativize(java.nio.file.Path.of(d.database())).toString();
        if (record.file(rel).isEmpty()) {
          files.add(new dev.wt.core.GeneratedFile(rel, dev.wt.core.GeneratedFile.Kind.DATABASE, null));
        }
      }
    }
    return record.withFiles(files);
  }

  /**
   * Returns whether this call created the database (not found it there). Under the database's lock:
   * a {@code wt db reset} of it swapping a copy in meanwhile would find it made under its feet.
   */
  private boolean provisionOne(Repo repo, WorktreeRecord record, DatabasePlan plan, PgServer server, String database,
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
      if (known && Refill.finishInterrupted(s, database, owner, reporter)) {
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

  @Override
  public void warm(Repo repo) {
    ServerMode mode = servers.mode(repo);
    boolean anyPostgres = repo.config().databases().effective().stream().anyMatch(d -> d.postgres());
    if (!anyPostgres || mode != ServerMode.URL && mode != ServerMode.EMBEDDED) {
      return; // a container or compose server may not run yet; waking docker is not free
    }
    // a JVM's first connection loads and initialises the driver: 100-200 ms that now overlap git's reads
    Thread t = new Thread(() -> {
      try {
        servers.check(repo).ifPresent(s -> servers.postgres().open(s, s.adminDatabase()).close());
      } catch (RuntimeException e) {
        // the preflight or the drop opens its own connection and reports what is wrong
      }
    }, "wt-warm-postgres");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project()).stream()
        .filter(p -> p.config().postgres()).toList();
    if (plans.isEmpty() || servers.mode(repo) == ServerMode.NONE) {
      return;
    }
    Optional<PgServer> server = servers.check(repo);
    if (server.isEmpty()) {
      return; // not running yet: nothing on it can collide
    }
    String owner = OwnedDatabase.ownerComment(repo.project(), identity.slug(), repo.key());
    Optional<WorktreeRecord> frozen = repo.state().bySlug(identity.slug());
    if (frozen.map(WorktreeRecord::shared).orElse(false)) {
      return; // makes none of its own
    }
    List<OwnedDatabase> known = frozen.map(WorktreeRecord::databases).orElse(List.of());
    try (Postgres.Session s = servers.postgres().open(server.get(), server.get().adminDatabase())) {
      for (DatabasePlan plan : plans) {
        String database = plan.databaseFor(identity);
        Optional<Postgres.DatabaseInfo> info = s.database(database);
        String comment = info.map(Postgres.DatabaseInfo::comment).orElse(null);
        boolean adoptable = comment == null && known.stream().anyMatch(d -> d.database().equals(database));
        if (info.isPresent() && !owner.equals(comment) && !adoptable) {
          throw notOurs(plan, server.get(), database, comment);
        }
      }
    }
  }

  private static WtException notOurs(DatabasePlan plan, PgServer server, String database, String comment) {
    return WtException.refused("database " + database + " exists on " + server.host() + ":" + server.port()
        + " and is not marked as this worktree's (its comment is " + (comment == null ? "empty" : "'" + comment + "'") + ")",
        "wt never writes into a database it does not own: drop or rename it yourself, or set another "
            + "databases." + plan.config().name() + ".prefix");
  }

  private CommandDatabases commands() {
    if (commands == null) {
      throw new IllegalStateException("[postgres] mode = \"command\" without CommandDatabases wired");
    }
    return commands;
  }

  private boolean forcePull() {
    return DatabaseFiller.forced(forcePull, env);
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
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
        commands().release(repo, record, d, reporter);
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
    dev.wt.app.Concurrently.run(drops, PARALLEL);
    last.release(repo, record, server, reporter);
    return record.withDatabases(left);
  }

  /** Under the database's lock (a refill of it finishes first), whose file goes with the database. */
  private static void dropOwned(Repo repo, Postgres.Session s, OwnedDatabase d, String expected, List<DatabasePlan> plans,
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
    if (StagingCopy.dropIfOurs(repo.state(), s, staging, List.of(owner, OwnedDatabase.unfinished(owner)))) {
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
   * (this repository, this slug) naming another project. A branch's wt.toml may name another
   * project than the configuration where down runs: the worktree was set up with its own.
   */
  private static String markOf(Repo repo, Postgres.Session s, String database, String expected) {
    Optional<String> slug = dev.wt.core.Leftovers.markedSlug(expected, repo.key());
    return s.database(database).map(Postgres.DatabaseInfo::comment)
        .filter(c -> c.equals(OwnedDatabase.finished(c)) && slug.isPresent()
            && dev.wt.core.Leftovers.markedSlug(c, repo.key()).equals(slug))
        .orElse(expected);
  }

  @Override
  public java.util.Set<String> variableNames(Repo repo) {
    java.util.Set<String> names = new java.util.HashSet<>();
    boolean postgresOff = servers.mode(repo) == ServerMode.NONE;
    for (DatabasePlan plan : DatabasePlan.of(repo.config().databases().effective(), repo.project())) {
      if (plan.config().postgres() && postgresOff) {
        continue;
      }
      names.add(plan.urlVar());
      if (plan.config().postgres()) {
        for (String part : new String[] {plan.config().hostEnv(), plan.config().portEnv(), plan.config().nameEnv(),
            plan.config().userEnv(), plan.config().passwordEnv()}) {
          if (part != null) {
            names.add(part);
          }
        }
      }
    }
    return names;
  }
}
