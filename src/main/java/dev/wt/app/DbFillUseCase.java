package dev.wt.app;

import dev.wt.core.ExitCode;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code wt db reset}, {@code template refresh} and {@code pull}: (re)fill databases wt owns. */
public final class DbFillUseCase {

  private final Services services;
  private final DatabaseServers servers;
  private final PgTools tools;
  private final DatabaseProvisioner provisioner;
  private final Map<String, String> env;

  public DbFillUseCase(Services services, DatabaseServers servers, PgTools tools, DatabaseProvisioner provisioner) {
    this.services = services;
    this.servers = servers;
    this.tools = tools;
    this.provisioner = provisioner;
    this.env = services.env();
  }

  /** What a refresh or pull did: the database, how long, and how worktrees will clone it. */
  public record Filled(String database, long millis, String cloneMethod, boolean skipped) {
    public Filled(String database, long millis, String cloneMethod) {
      this(database, millis, cloneMethod, false);
    }
  }

  /** Drops the worktree's databases (all, or the one named) and creates them again from their source. */
  public List<String> reset(Path cwd, String name, Reporter reporter) {
    DbContext ctx = DbContext.open(services, cwd);
    List<OwnedDatabase> chosen = ctx.select(name);
    PgServer server = servers.server(ctx.repo(), ctx.record(), reporter);
    List<String> done = new ArrayList<>();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      for (OwnedDatabase d : chosen) {
        if (d.postgres()) {
          requireOwned(s, d.database(), ctx.owner());
          s.drop(d.database());
          reporter.done("database " + d.database() + ": dropped");
        } else {
          new SqliteDatabases().release(Path.of(ctx.record().path()), d, reporter);
        }
        done.add(d.database());
      }
    }
    var record = ctx.repo().state().locked(() -> provisioner.provision(ctx.repo(), ctx.record(), reporter));
    ctx.repo().state().save(record);
    return done;
  }

  /**
   * Rebuilds each template database from the main database ({@code main}) or the pull source
   * ({@code pull}) under a temporary name, then swaps it in and marks it IS_TEMPLATE.
   */
  public List<Filled> refreshTemplate(Path cwd, String from, String sourceOverride, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project()).stream()
        .filter(p -> p.config().postgres()).toList();
    if (plans.isEmpty()) {
      throw WtException.refused("no PostgreSQL databases are configured", "see docs/databases.md");
    }
    PgServer server = servers.server(repo, reporter);
    List<Filled> out = new ArrayList<>();
    for (DatabasePlan plan : plans) {
      out.add(refreshOne(repo, plan, server, from, sourceOverride, reporter));
    }
    return out;
  }

  private Filled refreshOne(Repo repo, DatabasePlan plan, PgServer server, String from, String sourceOverride,
      Reporter reporter) {
    String template = plan.template();
    String next = (template.length() > 55 ? template.substring(0, 55) : template) + "_wt_next";
    long started = System.nanoTime();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      Optional<Postgres.DatabaseInfo> old = s.database(template);
      if (old.isPresent() && !madeHere(old.get(), repo)) {
        throw WtException.refused("database " + template + " exists and was not made by wt for " + repo.project()
                + " in this repository",
            "drop it yourself, or set databases." + plan.config().name() + ".template to another name");
      }
      Optional<Postgres.DatabaseInfo> leftover = s.database(next);
      if (leftover.isPresent() && !madeHere(leftover.get(), repo)) {
        throw WtException.refused("database " + next + " exists and was not made by wt", "drop or rename it yourself");
      }
      s.drop(next);
      if (from.equals("main")) {
        if (s.database(plan.main()).isEmpty()) {
          throw WtException.refused("there is no main database " + plan.main() + " on " + server.host() + ":" + server.port(),
              "set databases." + plan.config().name() + ".main to the main worktree's database, or use --from pull");
        }
        copyFromMain(s, plan.main(), next, reporter);
      } else {
        DatabaseFiller filler = new DatabaseFiller(servers.postgres(), tools, env);
        String source = sourceOverride != null ? sourceOverride : filler.sourceUrl(repo, plan);
        s.create(next, null);
        s.comment(next, DatabasePlan.templateComment(repo.project(), repo.key()));
        tools.copy(source, server, next, DatabaseFiller.jobs(), reporter);
      }
      if (old.isPresent()) {
        s.setTemplate(template, false);
        s.drop(template);
      }
      s.rename(next, template);
      s.comment(template, DatabasePlan.templateComment(repo.project(), repo.key()));
      s.setTemplate(template, true);
      long ms = (System.nanoTime() - started) / 1_000_000;
      String method = cloneMethod(s);
      reporter.done("template " + template + ": rebuilt from " + (from.equals("main") ? plan.main() : "the pull source")
          + " in " + ms + " ms; new worktrees clone it by " + method);
      return new Filled(template, ms, method);
    }
  }

  /** CREATE ... TEMPLATE main needs main to itself: end its sessions and copy straight away, retrying a few times. */
  private static void copyFromMain(Postgres.Session s, String main, String target, Reporter reporter) {
    for (int attempt = 1; ; attempt++) {
      int ended = s.terminate(main);
      if (ended > 0) {
        reporter.warn("ended " + ended + " session(s) on " + main + " for the copy (clients reconnect)");
      }
      try {
        s.create(target, main);
        return;
      } catch (WtException e) {
        if (e.exitCode() != ExitCode.REFUSED || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** How the server will copy a template: block-sharing clone (PostgreSQL 18+) or a full file copy. */
  static String cloneMethod(Postgres.Session s) {
    if (s.serverVersion() >= 180000 && "clone".equals(s.setting("file_copy_method"))) {
      return "copy-on-write clone (file_copy_method = clone: instant on XFS/Btrfs/APFS, a full copy elsewhere)";
    }
    return s.serverVersion() >= 150000 ? "full file copy (STRATEGY FILE_COPY)" : "full file copy";
  }

  /** {@code wt db pull}: restores {@code from} (or the configured source) into the template or this worktree. */
  public Filled pull(Path cwd, String from, String into, String name, boolean force, Reporter reporter) {
    if (into.equals("template")) {
      List<Filled> r = refreshTemplate(cwd, "pull", from, reporter);
      return r.get(0);
    }
    DbContext ctx = DbContext.open(services, cwd);
    OwnedDatabase d = ctx.select(name).stream().filter(OwnedDatabase::postgres).findFirst()
        .orElseThrow(() -> WtException.usage("no PostgreSQL database to pull into", "wt db status lists them"));
    DatabasePlan plan = ctx.plan(d);
    PgServer server = servers.server(ctx.repo(), ctx.record(), reporter);
    DatabaseFiller filler = new DatabaseFiller(servers.postgres(), tools, env);
    String source = from != null ? from : filler.sourceUrl(ctx.repo(), plan);
    long started = System.nanoTime();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      requireOwned(s, d.database(), ctx.owner());
      String staging = (d.database().length() > 55 ? d.database().substring(0, 55) : d.database()) + "_wt_pull";
      Optional<Postgres.DatabaseInfo> interrupted = s.database(staging);
      if (s.database(d.database()).isEmpty() && interrupted.isPresent()
          && ctx.owner().equals(interrupted.get().comment())) {
        // a forced pull was cut off between dropping the old data and renaming the new in
        s.rename(staging, d.database());
        reporter.done("database " + d.database() + ": finished an interrupted pull (restored from " + staging + ")");
      }
      int tables;
      try (Postgres.Session in = servers.postgres().open(server, d.database())) {
        tables = in.tableCount();
      }
      boolean forced = force || "1".equals(env.get("WT_FORCE_DB_PULL")) || "true".equals(env.get("WT_FORCE_DB_PULL"));
      if (tables > 0 && !forced) {
        reporter.unchanged("database " + d.database() + " has " + tables + " tables; pull skipped "
            + "(--force-db-pull or WT_FORCE_DB_PULL=1 replaces them)");
        return new Filled(d.database(), 0, null, true);
      }
      if (tables > 0) {
        // restore beside it first: a failed dump must not cost the worktree its data
        Optional<Postgres.DatabaseInfo> leftover = s.database(staging);
        if (leftover.isPresent() && !ctx.owner().equals(leftover.get().comment())) {
          throw WtException.refused("database " + staging + " exists and was not made by wt", "drop or rename it yourself");
        }
        s.drop(staging);
        s.create(staging, null);
        s.comment(staging, ctx.owner());
        try {
          tools.copy(source, server, staging, DatabaseFiller.jobs(), reporter);
        } catch (WtException e) {
          s.drop(staging);
          throw e;
        }
        s.drop(d.database());
        s.rename(staging, d.database());
        s.connectionLimit(d.database(), servers.config(ctx.repo()).connectionLimit());
        long ms = (System.nanoTime() - started) / 1_000_000;
        reporter.done("database " + d.database() + ": replaced by a pull from " + PgServer.mask(source) + " in " + ms + " ms");
        return new Filled(d.database(), ms, null);
      }
    }
    tools.copy(source, server, d.database(), DatabaseFiller.jobs(), reporter);
    long ms = (System.nanoTime() - started) / 1_000_000;
    reporter.done("database " + d.database() + ": pulled from " + PgServer.mask(source) + " in " + ms + " ms");
    return new Filled(d.database(), ms, null);
  }

  /** A template (or a half-built one) wt made for this project in this repository. */
  private static boolean madeHere(Postgres.DatabaseInfo info, Repo repo) {
    String c = info.comment();
    return c != null && c.startsWith("wt:" + repo.project() + ":template")
        && c.endsWith(dev.wt.core.OwnedDatabase.repoSuffix(repo.key()));
  }

  private static void requireOwned(Postgres.Session s, String database, String owner) {
    Optional<Postgres.DatabaseInfo> info = s.database(database);
    if (info.isPresent() && !owner.equals(info.get().comment())) {
      throw WtException.refused("database " + database + " is not marked as this worktree's ("
          + (info.get().comment() == null ? "no comment" : "comment '" + info.get().comment() + "'") + ")",
          "wt only writes into databases it created; check wt db status");
    }
  }
}
