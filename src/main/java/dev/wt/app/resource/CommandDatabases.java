package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.trust.TrustGate;
import dev.wt.core.DbEngine;
import dev.wt.core.DbFill;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.RepoCommands;
import dev.wt.core.Secrets;
import dev.wt.core.ServerMode;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.core.config.PostgresConfig;
import dev.wt.port.CommandRunner;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code [postgres] mode = "command"}: each worktree database is made and removed by the user's
 * commands (a branching service such as Neon or Database Lab, a ZFS clone). They come from the
 * repository, so they run only once trusted, within {@code [setup] timeout}; a create that fails,
 * hangs or prints no PostgreSQL URL is undone with the drop command, so nothing is left half-made.
 */
public final class CommandDatabases {

  private final Services services;
  private final TrustGate trust;

  public CommandDatabases(Services services, TrustGate trust) {
    this.services = services;
    this.trust = trust;
  }

  /**
   * The worktree's database {@code plan}, made by the create command unless the record already
   * holds it made.
   *
   * @param saveIntent records the database before create runs, so a crash leaves it for teardown's drop
   */
  OwnedDatabase provision(Repo repo, WorktreeRecord record, DatabasePlan plan, OwnedDatabase previous,
      Consumer<OwnedDatabase> saveIntent, Reporter reporter) {
    String database = plan.databaseFor(record.identity());
    if (previous != null && previous.mode() == ServerMode.COMMAND && previous.database().equals(database)
        && !previous.vars().isEmpty()) {
      reporter.unchanged("database " + database + ": made by postgres.create ("
          + Secrets.mask(previous.vars().get(plan.urlVar())) + ")");
      return previous;
    }
    PostgresConfig c = repo.config().postgres();
    Path dir = dirOf(record);
    trust.require(repo, RepoCommands.postgresKey("create"), "wt setup", dir, reporter);
    Map<String, String> vars = variables(repo, record, plan.config().name(), database, plan);
    saveIntent.accept(new OwnedDatabase(plan.config().name(), DbEngine.POSTGRES, ServerMode.COMMAND, database, "", 0,
        "", DbFill.EMPTY, Map.of()));
    long started = System.nanoTime();
    CommandRunner.Captured out;
    try {
      out = services.commands().capture(c.create(), dir, vars, line -> reporter.commandOutput(Secrets.mask(line)),
          repo.config().setup().timeoutDuration());
    } catch (WtException e) {
      throw undone(repo, dir, vars, database, "postgres.create " + e.getMessage(), e.hint(), reporter);
    }
    if (out.exitCode() != 0) {
      throw undone(repo, dir, vars, database, "postgres.create failed with exit code " + out.exitCode()
          + " for database " + database, "its output is above; fix the command, then run wt setup", reporter);
    }
    String url = out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
    PgServer server;
    try {
      server = PgServer.parse(url);
    } catch (IllegalArgumentException e) {
      throw undone(repo, dir, vars, database, "postgres.create printed no PostgreSQL URL for database " + database
          + (url.isEmpty() ? " (its stdout was empty)" : " (its last line is " + url.length() + " characters of something else)"),
          "make it print postgresql://user:password@host:port/db as the last line of stdout (logs go to stderr)", reporter);
    }
    Map<String, String> dbVars = new LinkedHashMap<>(plan.vars(server, server.adminDatabase()));
    dbVars.put(plan.urlVar(), url); // exactly as printed: a service's ?sslmode=require must stay
    reporter.done("database " + database + ": made by postgres.create in " + (System.nanoTime() - started) / 1_000_000
        + " ms (" + Secrets.mask(url) + ")");
    return new OwnedDatabase(plan.config().name(), DbEngine.POSTGRES, ServerMode.COMMAND, database, server.host(),
        server.port(), server.user(), DbFill.EMPTY, dbVars);
  }

  /** Runs the drop command for {@code d}; a failure keeps the record (teardown says so and can be re-run). */
  void release(Repo repo, WorktreeRecord record, OwnedDatabase d, Reporter reporter) {
    Path dir = dirOf(record);
    trust.require(repo, RepoCommands.postgresKey("drop"), "wt teardown " + record.path(), dir, reporter);
    Map<String, String> vars = variables(repo, record, d.name(), d.database(), null);
    vars.putAll(d.vars());
    String failure = drop(repo, dir, vars, reporter);
    if (failure != null) {
      throw WtException.partial("postgres.drop " + failure + " for database " + d.database(),
          "fix the command, then run wt teardown (or wt down) again; the record is kept until it succeeds");
    }
    reporter.done("database " + d.database() + ": removed by postgres.drop");
  }

  /**
   * For {@code wt gc}: the names the list command prints that look like a worktree database of this
   * repository (a configured prefix, then a slug) and that no worktree wt knows holds.
   */
  public List<String> leftovers(Repo repo, Set<String> held, Reporter reporter) {
    PostgresConfig c = repo.config().postgres();
    if (c.list() == null) {
      return List.of();
    }
    trust.require(repo, RepoCommands.postgresKey("list"), "wt gc", repo.main(), reporter);
    CommandRunner.Captured out = services.commands().capture(c.list(), repo.main(), new LinkedHashMap<>(),
        line -> reporter.commandOutput(Secrets.mask(line)), repo.config().setup().timeoutDuration());
    if (out.exitCode() != 0) {
      throw WtException.environment("postgres.list failed with exit code " + out.exitCode(), "its output is above");
    }
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project());
    List<String> found = new ArrayList<>();
    for (String name : out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      boolean ours = plans.stream().anyMatch(p -> name.startsWith(p.prefix() + "_") && !name.equals(p.main())
          && !name.equals(p.template()) && name.length() > p.prefix().length() + 1);
      if (ours && !held.contains(name)) {
        found.add(name);
      }
    }
    return found;
  }

  /** Drops after a failed create, then the error saying both. */
  private WtException undone(Repo repo, Path dir, Map<String, String> vars, String database, String what, String hint,
      Reporter reporter) {
    String failure = drop(repo, dir, vars, reporter);
    String after = failure == null ? "; postgres.drop ran, nothing is left"
        : "; postgres.drop " + failure + " too: check by hand that " + database + " is gone";
    return WtException.partial(what + after, hint == null ? "fix the command, then run wt setup" : hint);
  }

  /** Runs the drop command; null when it succeeded, else what went wrong. */
  private String drop(Repo repo, Path dir, Map<String, String> vars, Reporter reporter) {
    try {
      int code = services.commands().capture(repo.config().postgres().drop(), dir, vars,
          line -> reporter.commandOutput(Secrets.mask(line)), repo.config().setup().timeoutDuration()).exitCode();
      return code == 0 ? null : "failed with exit code " + code;
    } catch (WtException e) {
      return e.getMessage();
    }
  }

  /**
   * What the commands see: the worktree's {@code WT_*} variables and ports, {@code WT_DB_NAME} (the
   * database's name), {@code WT_DB} (its logical name), and {@code WT_DB_SOURCE_URL} when the
   * database names a source variable that is set.
   */
  private Map<String, String> variables(Repo repo, WorktreeRecord record, String logical, String database,
      DatabasePlan plan) {
    Map<String, String> vars = WorktreeVariables.identityAndPorts(record);
    if (record.url() != null) {
      vars.put("WT_URL", record.url());
    }
    vars.put("WT_DB_NAME", database);
    vars.put("WT_DB", logical);
    if (plan != null && plan.config().sourceEnv() != null) {
      String source = services.env().get(plan.config().sourceEnv());
      if (source != null && !source.isBlank()) {
        vars.put("WT_DB_SOURCE_URL", source);
      }
    }
    return vars;
  }

  private Path dirOf(WorktreeRecord record) {
    Path p = Path.of(record.path());
    return services.disk().isDirectory(p) ? p : Path.of(record.mainPath());
  }
}
