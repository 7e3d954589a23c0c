package dev.wt.app.database;

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
import java.util.function.Function;
import dev.wt.app.resource.DatabaseProvisioner;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.app.resource.SqliteDatabases;
import dev.wt.app.resource.DatabaseFiller;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/**
 * {@code wt db reset}, {@code template refresh} and {@code pull}: refill databases wt owns, each
 * through {@link Refill} so that a failure never costs the data that was there.
 */
public final class DbFillUseCase {

  private final Services services;
  private final DatabaseServers servers;
  private final DatabaseProvisioner provisioner;
  private final DatabaseFiller filler;
  private final Map<String, String> env;
  private static final String RESET = "wt db reset";

  public DbFillUseCase(Services services, DatabaseServers servers, PgTools tools, DatabaseProvisioner provisioner) {
    this.services = services;
    this.servers = servers;
    this.provisioner = provisioner;
    this.env = services.env();
    this.filler = new DatabaseFiller(servers, tools, services.disk(), env);
  }

  /** What a refill did: the database, how long, and how worktrees will clone it. */
  public record Filled(String database, long millis, String cloneMethod, boolean skipped) {
    public Filled(String database, long millis, String cloneMethod) {
      this(database, millis, cloneMethod, false);
    }
  }

  /**
   * What a refill of several databases did: those done (or skipped), and those not done with the
   * first failure.
   */
  public record Outcome(List<Filled> done, List<String> failed, WtException failure) {
    public Outcome {
      done = List.copyOf(done);
      failed = List.copyOf(failed);
    }

    /** Nothing when all went well; exit 4 naming both lists when some did; the failure itself when none did. */
    public void throwIfFailed() {
      if (failure == null) {
        return;
      }
      if (done.isEmpty() && failed.size() == 1) {
        throw failure;
      }
      String doneNames = String.join(", ", done.stream().map(Filled::database).toList());
      throw new WtException(done.isEmpty() ? failure.exitCode() : ExitCode.PARTIAL,
          (done.isEmpty() ? "" : "done: " + doneNames + "; ") + "not done: " + String.join(", ", failed)
              + " (" + failure.getMessage() + ")",
          failure.hint() == null ? "fix that and run the command again for the ones not done" : failure.hint());
    }
  }

  /** Refills each item in turn; one that fails is reported and the others still run. */
  private static <T> Outcome each(List<T> items, Function<T, String> name, Function<T, Filled> fill, Reporter reporter) {
    List<Filled> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    WtException first = null;
    for (T item : items) {
      try {
        done.add(fill.apply(item));
      } catch (WtException e) {
        if (items.size() > 1) {
          reporter.warn(name.apply(item) + ": not done: " + e.getMessage());
        }
        failed.add(name.apply(item));
        first = first == null ? e : first;
      }
    }
    return new Outcome(done, failed, first);
  }

  /** Refills the worktree's databases (all, or the one named) from their source: the template, a pull, or empty. */
  public Outcome reset(Path cwd, String name, Reporter reporter) {
    DbContext ctx = DbContext.open(services, cwd);
    List<OwnedDatabase> chosen = ctx.select(name);
    List<OwnedDatabase> missing = new ArrayList<>();
    List<OwnedDatabase> existing = new ArrayList<>();
    PgServer server = chosen.stream().anyMatch(OwnedDatabase::postgres)
        ? servers.server(ctx.repo(), ctx.record(), reporter) : null;
    for (OwnedDatabase d : chosen) {
      if (!d.postgres()) {
        if (new SqliteDatabases(services.disk()).release(d, ctx.record().path(), reporter)) {
          missing.add(d);
        }
        continue;
      }
      try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
        StillOwned.requireMarked(s, d.database(), ctx);
        (s.database(d.database()).isPresent() ? existing : missing).add(d);
      }
    }
    Outcome outcome = each(existing, OwnedDatabase::database, d -> resetOne(ctx, d, server, reporter), reporter);
    if (!missing.isEmpty()) {
      // created (or copied, for SQLite) from their source as setup makes them, under the worktree's
      // lock as setup does; not under the state lock: a cluster start, template build or pull may
      // take long, and the provisioner records its intent under that lock itself
      StillOwned.remake(ctx, missing, RESET, r -> provisioner.provision(ctx.repo(), r, reporter), reporter);
      List<Filled> done = new ArrayList<>(outcome.done());
      missing.forEach(d -> done.add(new Filled(d.database(), 0, null)));
      outcome = new Outcome(done, outcome.failed(), outcome.failure());
    }
    return outcome;
  }

  private Filled resetOne(DbContext ctx, OwnedDatabase d, PgServer server, Reporter reporter) {
    DatabasePlan plan = ctx.plan(d);
    long started = System.nanoTime();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      // a down of this worktree may hold the lock, dropping the database: then there is nothing to reset
      StillOwned.locked(ctx, s, d, RESET, reporter, () -> {
        Refill refill = switch (plan.config().fillType()) {
          case TEMPLATE -> {
            filler.ensureTemplate(ctx.repo(), s, plan, server, reporter);
            yield Refill.cloneOf(plan.template());
          }
          case PULL -> filler.pullFrom(filler.sourceUrl(ctx.repo(), plan, reporter), server, reporter);
          case EMPTY -> Refill.empty();
        };
        refill.replace(s, ctx.repo().state(), d.database(), ctx.owner(), ctx.legacyOwner(), false, reporter);
        s.connectionLimit(d.database(), servers.config(ctx.repo()).connectionLimit());
        return null;
      });
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    reporter.done("database " + d.database() + ": reset (" + plan.config().fill() + ") in " + ms + " ms");
    return new Filled(d.database(), ms, null);
  }

  /**
   * Rebuilds each template database from the main database ({@code main}) or the pull source
   * ({@code pull}) into a staging copy, then swaps it in and marks it IS_TEMPLATE.
   */
  public Outcome refreshTemplate(Path cwd, TemplateSource from, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    List<DatabasePlan> plans = postgresPlans(repo);
    PgServer server = servers.server(repo, reporter);
    return each(plans, DatabasePlan::template, p -> refreshOne(repo, p, server, from, null, reporter), reporter);
  }

  private List<DatabasePlan> postgresPlans(Repo repo) {
    List<DatabasePlan> plans = DatabasePlan.of(repo.config().databases().effective(), repo.project()).stream()
        .filter(p -> p.config().postgres()).toList();
    if (plans.isEmpty()) {
      throw WtException.refused("no PostgreSQL databases are configured", "see docs/databases.md");
    }
    return plans;
  }

  /**
   * Under the template lock, like a template build: a build never takes this refresh's staging copy
   * for a killed one, and a staging copy found here is no running command's.
   */
  private Filled refreshOne(Repo repo, DatabasePlan plan, PgServer server, TemplateSource from, String sourceOverride,
      Reporter reporter) {
    return repo.state().locked(DatabaseFiller.TEMPLATE_LOCK,
        () -> refreshLocked(repo, plan, server, from, sourceOverride, reporter));
  }

  private Filled refreshLocked(Repo repo, DatabasePlan plan, PgServer server, TemplateSource from,
      String sourceOverride, Reporter reporter) {
    String template = plan.template();
    String mark = DatabasePlan.templateComment(repo.project(), repo.key());
    long started = System.nanoTime();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      Optional<Postgres.DatabaseInfo> old = s.database(template);
      if (old.isPresent() && !madeHere(old.get(), repo)) {
        throw WtException.refused("database " + template + " exists and was not made by wt for " + repo.project()
                + " in this repository",
            "drop it yourself, or set databases." + plan.config().name() + ".template to another name");
      }
      Refill refill;
      if (from == TemplateSource.MAIN) {
        refill = new Refill(plan.main(), () -> {
          if (s.database(plan.main()).isEmpty()) {
            throw WtException.refused("there is no main database " + plan.main() + " on " + server.host() + ":"
                + server.port(), "set databases." + plan.config().name() + ".main to the main worktree's database, "
                + "or use --from pull");
          }
        }, (admin, staging) -> copyFromMain(admin, plan.main(), staging, reporter), staging -> { });
      } else {
        refill = filler.pullFrom(sourceOverride != null ? sourceOverride : filler.sourceUrl(repo, plan, reporter), server, reporter);
      }
      // what a killed build or refresh left; a refill drops only its own kind of leftover
      DatabaseFiller.dropLeftover(repo, s, plan);
      refill.replace(s, repo.state(), template, mark, null, true, reporter);
      long ms = (System.nanoTime() - started) / 1_000_000;
      String method = cloneMethod(s);
      reporter.done("template " + template + ": rebuilt from " + (from == TemplateSource.MAIN ? plan.main() : refill.from())
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

  /**
   * {@code wt db pull}: restores {@code from} (or each database's configured source) into the
   * template or this worktree's database, for the database named, else those filled by pull.
   */
  public Outcome pull(Path cwd, String from, PullInto into, String name, boolean force, Reporter reporter) {
    if (into == PullInto.TEMPLATE) {
      Repo repo = Repo.open(services, cwd);
      List<DatabasePlan> targets = PullTargets.choose(postgresPlans(repo), name, from);
      PgServer server = servers.server(repo, reporter);
      return each(targets, DatabasePlan::template, p -> refreshOne(repo, p, server, TemplateSource.PULL, from, reporter), reporter);
    }
    DbContext ctx = DbContext.open(services, cwd);
    List<OwnedDatabase> owned = PullTargets.owned(ctx, name, from);
    PgServer server = servers.server(ctx.repo(), ctx.record(), reporter);
    boolean forced = DatabaseFiller.forced(force, env);
    return each(owned, OwnedDatabase::database, d -> pullIntoWorktree(ctx, d, server, from, forced, reporter), reporter);
  }

  private Filled pullIntoWorktree(DbContext ctx, OwnedDatabase d, PgServer server, String from, boolean forced,
      Reporter reporter) {
    String url = from != null ? from : filler.sourceUrl(ctx.repo(), ctx.plan(d), reporter);
    long started = System.nanoTime();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      StillOwned.requireMarked(s, d.database(), ctx);
      Refill.finishInterrupted(s, d.database(), ctx.owner(), ctx.legacyOwner(), reporter);
      // as a reset: a down of this worktree holding the lock leaves nothing to pull into
      boolean skipped = StillOwned.locked(ctx, s, d, "wt db pull", reporter, () -> {
        int tables;
        try (Postgres.Session in = servers.postgres().open(server, d.database())) {
          tables = in.tableCount();
        }
        if (tables > 0 && !forced) {
          reporter.unchanged("database " + d.database() + " has " + tables + " tables; pull skipped "
              + "(--force-db-pull or WT_FORCE_DB_PULL=1 replaces them)");
          return true;
        }
        filler.pullFrom(url, server, reporter).replace(s, ctx.repo().state(), d.database(), ctx.owner(),
            ctx.legacyOwner(), false, reporter);
        s.connectionLimit(d.database(), servers.config(ctx.repo()).connectionLimit());
        return false;
      });
      if (skipped) {
        return new Filled(d.database(), 0, null, true);
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    reporter.done("database " + d.database() + ": pulled from " + PgServer.mask(url) + " in " + ms + " ms");
    return new Filled(d.database(), ms, null);
  }

  /**
   * A template (or a half-built one) wt made for this project in this repository, or with a mark
   * from before repository ids: the refresh marks it with this repository's id (see {@code
   * docs/databases.md}, upgrading).
   */
  private static boolean madeHere(Postgres.DatabaseInfo info, Repo repo) {
    String c = info.comment();
    return c != null && c.startsWith("wt:" + repo.project() + ":template")
        && (c.endsWith(OwnedDatabase.repoSuffix(repo.key())) || c.endsWith(OwnedDatabase.repoSuffix(repo.legacyKey())));
  }
}
