package dev.wt.app.database;

import dev.wt.core.DbEngine;
import dev.wt.core.ServerMode;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.app.trust.TrustGate;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/** {@code wt db status}, {@code psql}, {@code migrate} and {@code server}: look at and use the databases. */
public final class DbStatusUseCase {

  private final Services services;
  private final DatabaseServers servers;
  private final PgTools tools;
  private final TrustGate trust;
  private final SqliteMigrations sqlite;
  private final MainDatabases main;

  public DbStatusUseCase(Services services, DatabaseServers servers, PgTools tools, TrustGate trust) {
    this.services = services;
    this.servers = servers;
    this.tools = tools;
    this.trust = trust;
    this.sqlite = new SqliteMigrations(services.commands());
    this.main = new MainDatabases(services, servers, tools, trust, sqlite::last);
  }

  /** One database in {@code wt db status}. */
  public record DatabaseState(String name, DbEngine engine, String database, boolean exists, Long sizeBytes,
      Integer tables, String migrationTool, String lastMigration, String url, String error) {}

  /**
   * The report; {@code ok} when every database exists and answers.
   *
   * @param main whether these are the main worktree's own databases (no slug, nothing wt made)
   */
  public record Report(String worktree, String branch, String slug, String subdomain, ServerMode mode,
      List<DatabaseState> databases, boolean ok, boolean main) {}

  public Report status(Path cwd) {
    Repo repo = Repo.open(services, cwd);
    if (repo.location().isMain()) {
      return main.status(repo, new MigrationNames(services.disk(), repo.main())::name);
    }
    DbContext ctx = DbContext.of(repo);
    var r = ctx.record();
    MigrationNames names = new MigrationNames(services.disk(), Path.of(r.path()));
    List<DatabaseState> out = new ArrayList<>();
    PgServer server = null;
    WtException serverError = null;
    for (OwnedDatabase d : r.databases()) {
      if (!d.postgres()) {
        Path f = Path.of(d.database());
        boolean exists = services.disk().isFile(f);
        Long size = null;
        try {
          size = exists ? services.disk().size(f) : null;
        } catch (java.io.IOException e) {
          exists = false;
        }
        Postgres.Migration m = exists ? sqlite.last(f).migration() : null;
        out.add(new DatabaseState(d.name(), d.engine(), d.database(), exists, size, null,
            m == null ? null : m.tool(), m == null ? null : names.name(m), d.database(), exists ? null : "file missing"));
        continue;
      }
      if (server == null && serverError == null) {
        try {
          server = runningServer(ctx.repo(), r);
        } catch (WtException e) {
          serverError = e;
        }
      }
      if (serverError != null) {
        out.add(new DatabaseState(d.name(), d.engine(), d.database(), false, null, null, null, null,
            maskedUrl(d), serverError.getMessage()));
        continue;
      }
      out.add(inspect(server, d, names));
    }
    // configured but never created here (a setup that stopped, or one run before the config said so)
    java.util.Set<String> recorded = new java.util.HashSet<>();
    r.databases().forEach(d -> recorded.add(d.name()));
    boolean postgresOff = servers.mode(ctx.repo()) == ServerMode.NONE;
    for (DatabasePlan plan : DatabasePlan.of(ctx.repo().config().databases().effective(), ctx.repo().project())) {
      if (!recorded.contains(plan.config().name()) && (!plan.config().postgres() || !postgresOff)) {
        String database = plan.config().postgres() ? plan.databaseFor(r.identity()) : null;
        out.add(new DatabaseState(plan.config().name(), plan.config().engineType(), database,
            false, null, null, null, null, null,
            "not created for this worktree: wt setup creates it (if setup stopped, running it again says why)"));
      }
    }
    boolean ok = !out.isEmpty() && out.stream().allMatch(s -> s.exists() && s.error() == null);
    return new Report(r.path(), r.identity().branch(), r.slug(), r.identity().subdomain(), servers.mode(ctx.repo()),
        out, ok, false);
  }

  private DatabaseState inspect(PgServer server, OwnedDatabase d, MigrationNames names) {
    String url = server.maskedUrl(d.database());
    try (Postgres.Session admin = servers.postgres().open(server, server.adminDatabase())) {
      Optional<Postgres.DatabaseInfo> info = admin.database(d.database());
      if (info.isEmpty()) {
        return new DatabaseState(d.name(), d.engine(), d.database(), false, null, null, null, null, url,
            "does not exist (wt setup creates it)");
      }
      long size = admin.size(d.database());
      try (Postgres.Session in = servers.postgres().open(server, d.database())) {
        Optional<Postgres.Migration> m = in.lastMigration();
        return new DatabaseState(d.name(), d.engine(), d.database(), true, size, in.tableCount(),
            m.map(Postgres.Migration::tool).orElse(null), m.map(names::name).orElse(null), url, null);
      }
    } catch (WtException e) {
      return new DatabaseState(d.name(), d.engine(), d.database(), false, null, null, null, null, url, e.getMessage());
    }
  }

  /** The server without starting anything: status reports a stopped embedded server, it does not fix it. */
  private PgServer runningServer(Repo repo, dev.wt.core.WorktreeRecord record) {
    if (servers.mode(repo) == ServerMode.EMBEDDED) {
      EmbeddedPostgres.Status st = servers.embedded().status(servers.embeddedSettings(repo));
      if (!st.running()) {
        throw WtException.environment("the embedded PostgreSQL is not running", "wt db server start (or wt setup)");
      }
      return new PgServer("127.0.0.1", st.port(), "postgres", null, "postgres");
    }
    return servers.server(repo, record, Reporter.SILENT);
  }

  private static String maskedUrl(OwnedDatabase d) {
    return PgServer.mask(d.vars().values().stream().filter(v -> v.startsWith("postgres")).findFirst()
        .orElse(d.database()));
  }

  /** Runs psql on one of the worktree's databases with the terminal attached; psql's exit code. */
  public int psql(Path cwd, String name, List<String> args, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    if (repo.location().isMain()) {
      return main.psql(repo, name, args, reporter);
    }
    DbContext ctx = DbContext.of(repo);
    List<OwnedDatabase> pg = ctx.select(name).stream().filter(OwnedDatabase::postgres).toList();
    if (pg.isEmpty()) {
      throw WtException.usage("no PostgreSQL database to open", "wt db status lists the worktree's databases");
    }
    if (name == null && pg.size() > 1) {
      reporter.progress("opening " + pg.get(0).name() + " (--db NAME picks another: "
          + String.join(", ", pg.stream().map(OwnedDatabase::name).toList()) + ")");
    }
    PgServer server = servers.server(ctx.repo(), ctx.record(), reporter);
    return tools.psql(server, pg.get(0).database(), args);
  }

  /** Runs each configured migrate command in the worktree with its env; the first failing exit code. */
  public int migrate(Path cwd, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    if (repo.location().isMain()) {
      return main.migrate(repo, reporter);
    }
    DbContext ctx = DbContext.of(repo);
    List<DatabasePlan> withCommand = ctx.plans().stream().filter(p -> p.config().migrate() != null).toList();
    if (withCommand.isEmpty()) {
      throw WtException.refused("no migration command configured",
          "set databases.<name>.migrate in wt.toml, e.g. migrate = \"npx drizzle-kit migrate\"");
    }
    List<String> keys = withCommand.stream().map(p -> dev.wt.core.RepoCommands.migrateKey(p.config().name())).toList();
    TrustGate.Verdict verdict = trust.check(ctx.repo(), keys, reporter);
    List<DatabasePlan> unapproved = withCommand.stream()
        .filter(p -> !verdict.mayRun(dev.wt.core.RepoCommands.migrateKey(p.config().name()))).toList();
    Map<String, String> env = dev.wt.core.WorktreeVariables.of(ctx.record(), ctx.repo().config().env().vars());
    for (DatabasePlan p : withCommand) {
      if (unapproved.contains(p)) {
        reporter.warn("migrate " + p.config().name() + ": not run: " + verdict.reason());
        continue;
      }
      reporter.progress("migrating " + p.config().name() + ": " + p.config().migrate());
      int code = services.commands().runShell(p.config().migrate(), Path.of(ctx.record().path()), env,
          line -> reporter.commandOutput(PgServer.mask(line)), ctx.repo().config().setup().timeoutDuration());
      if (code != 0) {
        return code;
      }
      reporter.done("migrated " + p.config().name());
    }
    if (!unapproved.isEmpty()) {
      throw trust.notRun(unapproved.size(), verdict.reason(), "wt db migrate", Path.of(ctx.record().path()));
    }
    return 0;
  }

  /** {@code wt db server start|stop|status}: the repository's embedded cluster. */
  public EmbeddedPostgres.Status server(Path cwd, ServerAction action, Reporter reporter) {
    return server(cwd, action, false, reporter);
  }

  /** Starts, stops, removes (refusing to lose data unless forced) or only reports the embedded server. */
  public EmbeddedPostgres.Status server(Path cwd, ServerAction action, boolean force, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    if (servers.mode(repo) != ServerMode.EMBEDDED) {
      throw WtException.refused("[postgres] mode is " + servers.mode(repo) + "; wt db server manages the embedded one",
          "set [postgres] mode = \"embedded\" (the default) to use it");
    }
    EmbeddedPostgres.Settings s = servers.embeddedSettings(repo);
    if (action != ServerAction.STATUS) {
      // under the lock an up starts the cluster under and the last down stops it under: never beside them
      servers.serverLocked(repo, () -> {
        act(repo, s, action, force, reporter);
        return null;
      });
    }
    return servers.embedded().status(s);
  }

  private void act(Repo repo, EmbeddedPostgres.Settings s, ServerAction action, boolean force, Reporter reporter) {
    if ((action == ServerAction.STOP || action == ServerAction.REMOVE && !force) && servers.usedByOtherCommands(repo)) {
      // its mark says it started the cluster (or found it running) and has not ended: stopping now fails it midway
      throw WtException.refused("another wt command is using the embedded PostgreSQL (a wt up or setup making "
              + "databases, a wt db psql or pull)",
          "let it finish, then run this again" + (action == ServerAction.REMOVE ? " (--force stops it anyway)" : ""));
    }
    switch (action) {
      case START -> servers.embedded().start(s, reporter);
      case STOP -> {
        if (!servers.embedded().stop(s, reporter)) {
          reporter.unchanged("the embedded PostgreSQL is not running");
        }
      }
      case REMOVE -> {
        if (!force) {
          refuseToLoseData(repo, s, reporter);
        }
        if (!servers.embedded().remove(s, reporter)) {
          reporter.unchanged("there is no embedded PostgreSQL for this repository");
        }
      }
      case STATUS -> { }
    }
  }

  /** Refuses while worktrees hold databases there, or while it holds databases wt did not make. */
  private void refuseToLoseData(Repo repo, EmbeddedPostgres.Settings s, Reporter reporter) {
    List<String> holders = repo.state().all().stream()
        .filter(w -> w.databases().stream().anyMatch(d -> d.postgres() && d.mode() == ServerMode.EMBEDDED))
        .map(w -> w.identity().branch()).toList();
    if (!holders.isEmpty()) {
      throw WtException.refused("worktrees still have databases on the embedded PostgreSQL: " + String.join(", ", holders),
          "wt down them first, or pass --force to delete their data too");
    }
    if (!servers.embedded().status(s).initialised()) {
      return;
    }
    boolean wasRunning = servers.embedded().status(s).running();
    PgServer server = servers.embedded().start(s, Reporter.SILENT);
    List<String> kept = new ArrayList<>();
    try (Postgres.Session admin = servers.postgres().open(server, server.adminDatabase())) {
      for (Postgres.DatabaseInfo info : admin.databases()) {
        // marked before repository ids: wt's too, and the embedded cluster is this machine's
        if (!OwnedDatabase.SYSTEM_DATABASES.contains(info.name()) && !OwnedDatabase.markedBy(info.comment(), repo.key())
            && !OwnedDatabase.markedBy(info.comment(), repo.legacyKey())) {
          kept.add(info.name());
        }
      }
    } finally {
      if (!wasRunning) {
        servers.embedded().stop(s, Reporter.SILENT); // only looked inside: leave it as it was
      }
    }
    if (!kept.isEmpty()) {
      throw WtException.refused("the embedded PostgreSQL holds databases wt did not make: " + String.join(", ", kept),
          "wt db pull or pg_dump what you need, then pass --force");
    }
  }
}
