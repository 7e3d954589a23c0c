package dev.wt.app.database;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.core.PgServer;
import dev.wt.core.RepoCommands;
import dev.wt.core.ServerMode;
import dev.wt.core.WtException;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code wt db status|psql|migrate} in the main worktree: they act on the main worktree's own
 * databases ({@code databases.<name>.main} on the configured server, SQLite files at their path in
 * the main folder), which wt only looks at or hands to the user's tools, never creates or drops.
 */
final class MainDatabases {

  private final Services services;
  private final DatabaseServers servers;
  private final PgTools tools;
  private final dev.wt.app.trust.TrustGate trust;
  private final Function<Path, SqliteMigrations.Found> sqlite;

  MainDatabases(Services services, DatabaseServers servers, PgTools tools, dev.wt.app.trust.TrustGate trust,
      Function<Path, SqliteMigrations.Found> sqlite) {
    this.services = services;
    this.servers = servers;
    this.tools = tools;
    this.trust = trust;
    this.sqlite = sqlite;
  }

  private static List<DatabasePlan> plans(Repo repo) {
    return DatabasePlan.of(repo.config().databases().effective(), repo.project());
  }

  /** The SQLite file of {@code plan} in the main worktree. */
  static Path sqliteFile(Repo repo, DatabasePlan plan) {
    String rel = plan.config().path() != null ? plan.config().path() : plan.config().name() + ".sqlite";
    return repo.main().resolve(rel);
  }

  DbStatusUseCase.Report status(Repo repo, Function<Postgres.Migration, String> names) {
    List<DbStatusUseCase.DatabaseState> out = new ArrayList<>();
    ServerMode mode = servers.mode(repo);
    PgServer server = null;
    String serverError = null;
    for (DatabasePlan plan : plans(repo)) {
      if (!plan.config().postgres()) {
        Path f = sqliteFile(repo, plan);
        boolean exists = services.disk().isFile(f);
        Long size = null;
        try {
          size = exists ? services.disk().size(f) : null;
        } catch (java.io.IOException e) {
          exists = false;
        }
        SqliteMigrations.Found m = exists ? sqlite.apply(f) : SqliteMigrations.Found.NONE;
        out.add(state(plan, f.toString(), exists, size, null, m.migration() == null ? null
            : new Postgres.Migration(m.migration().tool(), names.apply(m.migration())), f.toString(),
            exists ? null : "file missing in the main worktree"));
        continue;
      }
      if (mode == ServerMode.NONE) {
        continue;
      }
      if (server == null && serverError == null) {
        try {
          server = runningServer(repo);
        } catch (WtException e) {
          serverError = e.getMessage();
        }
      }
      out.add(serverError != null ? state(plan, plan.main(), false, null, null, null, null, serverError)
          : inspect(server, plan, names));
    }
    boolean ok = !out.isEmpty() && out.stream().allMatch(s -> s.exists() && s.error() == null);
    return new DbStatusUseCase.Report(repo.main().toString(), repo.location().branch(), null, null, mode, out, ok,
        true);
  }

  private DbStatusUseCase.DatabaseState inspect(PgServer server, DatabasePlan plan,
      Function<Postgres.Migration, String> names) {
    String db = plan.main();
    String url = server.maskedUrl(db);
    try (Postgres.Session admin = servers.postgres().open(server, server.adminDatabase())) {
      if (admin.database(db).isEmpty()) {
        return state(plan, db, false, null, null, null, url,
            "no database " + db + " on this server (databases." + plan.config().name() + ".main names the main one)");
      }
      long size = admin.size(db);
      try (Postgres.Session in = servers.postgres().open(server, db)) {
        Optional<Postgres.Migration> m = in.lastMigration();
        return state(plan, db, true, size, in.tableCount(),
            m.map(x -> new Postgres.Migration(x.tool(), names.apply(x))).orElse(null), url, null);
      }
    } catch (WtException e) {
      return state(plan, db, false, null, null, null, url, e.getMessage());
    }
  }

  /** The server without starting anything wt owns: status reports, it does not fix. */
  private PgServer runningServer(Repo repo) {
    return switch (servers.mode(repo)) {
      case EMBEDDED -> {
        var st = servers.embedded().status(servers.embeddedSettings(repo));
        if (!st.running()) {
          throw WtException.environment("the embedded PostgreSQL is not running", "wt db server start (or wt setup)");
        }
        yield new PgServer("127.0.0.1", st.port(), "postgres", null, "postgres");
      }
      case CONTAINER -> throw WtException.refused(
          "with [postgres] mode = \"container\" only worktrees have databases wt knows of",
          "run this inside a worktree");
      default -> servers.server(repo, Reporter.SILENT);
    };
  }

  private static DbStatusUseCase.DatabaseState state(DatabasePlan plan, String database, boolean exists, Long size,
      Integer tables, Postgres.Migration m, String url, String error) {
    return new DbStatusUseCase.DatabaseState(plan.config().name(), plan.config().engineType(), database, exists, size,
        tables, m == null ? null : m.tool(), m == null ? null : m.last(), url, error);
  }

  /** psql on a main database (the first, or {@code name}: its logical or database name). */
  int psql(Repo repo, String name, List<String> args, Reporter reporter) {
    List<DatabasePlan> pg = plans(repo).stream().filter(p -> p.config().postgres()).toList();
    if (pg.isEmpty()) {
      throw WtException.usage("no PostgreSQL database to open", "wt db status lists the main worktree's databases");
    }
    List<DatabasePlan> chosen = name == null ? pg
        : pg.stream().filter(p -> p.config().name().equals(name) || p.main().equals(name)).toList();
    if (chosen.isEmpty()) {
      throw WtException.usage("no database " + name + " in the configuration",
          "it has: " + String.join(", ", pg.stream().map(p -> p.config().name()).toList()));
    }
    if (servers.mode(repo) == ServerMode.CONTAINER) {
      runningServer(repo); // refuses with the reason
    }
    DatabasePlan plan = chosen.get(0);
    reporter.progress("opening the main worktree's database " + plan.main() + " (" + plan.config().name() + ")"
        + (name == null && pg.size() > 1 ? "; --db NAME picks another" : ""));
    PgServer server = servers.server(repo, reporter);
    return tools.psql(server, plan.main(), args);
  }

  /**
   * Each configured migrate command run in the main folder with the environment wt was started
   * with: the project's own tools find the main database the way they do without wt.
   */
  int migrate(Repo repo, Reporter reporter) {
    List<DatabasePlan> withCommand = plans(repo).stream().filter(p -> p.config().migrate() != null).toList();
    if (withCommand.isEmpty()) {
      throw WtException.refused("no migration command configured",
          "set databases.<name>.migrate in wt.toml, e.g. migrate = \"npx drizzle-kit migrate\"");
    }
    List<String> keys = withCommand.stream().map(p -> RepoCommands.migrateKey(p.config().name())).toList();
    var verdict = trust.check(repo, keys, reporter);
    int unapproved = 0;
    for (DatabasePlan p : withCommand) {
      if (!verdict.mayRun(RepoCommands.migrateKey(p.config().name()))) {
        reporter.warn("migrate " + p.config().name() + ": not run: " + verdict.reason());
        unapproved++;
        continue;
      }
      reporter.progress("migrating the main worktree's " + p.config().name() + " (its own environment): "
          + p.config().migrate());
      int code = services.commands().runShell(p.config().migrate(), repo.main(), Map.of(),
          line -> reporter.commandOutput(PgServer.mask(line)), repo.config().setup().timeoutDuration());
      if (code != 0) {
        return code;
      }
      reporter.done("migrated the main worktree's " + p.config().name());
    }
    if (unapproved > 0) {
      throw trust.notRun(unapproved, verdict.reason(), "wt db migrate", repo.main());
    }
    return 0;
  }
}
