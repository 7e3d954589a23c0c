package dev.wt.app.resource;

import dev.wt.core.PgServer;
import dev.wt.core.PgSource;
import dev.wt.core.WtException;
import dev.wt.port.LocalFiles;
import dev.wt.port.PgTools;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import dev.wt.app.database.Refill;
import dev.wt.app.database.StagingCopy;
import dev.wt.app.Repo;

/** Fills databases: builds the template when missing, and restores pulls from a source URL. */
public final class DatabaseFiller {

  private final DatabaseServers servers;
  private final Postgres postgres;
  private final PgTools tools;
  private final LocalFiles disk;
  private final Map<String, String> env;

  public DatabaseFiller(DatabaseServers servers, PgTools tools, LocalFiles disk, Map<String, String> env) {
    this.servers = servers;
    this.postgres = servers.postgres();
    this.tools = tools;
    this.disk = disk;
    this.env = env;
  }

  static int jobs() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Makes sure the template exists: a copy of the main database when there is one (without ending
   * its sessions: busy main databases are dumped instead), else empty. Marked as made by wt. Built
   * under the repository's template lock, which a template refresh holds too: one build at a time,
   * and a staging copy found under the lock is no running command's.
   */
  public void ensureTemplate(Repo repo, Postgres.Session s, DatabasePlan plan, PgServer server, Reporter reporter) {
    if (exists(repo, s, plan)) {
      return; // the common case, without waiting for a refresh that holds the lock
    }
    repo.state().locked(TEMPLATE_LOCK, () -> {
      ensureHeld(repo, s, plan, server, reporter);
      return null;
    });
  }

  /** {@link #ensureTemplate} for a caller holding the template lock. */
  private void ensureHeld(Repo repo, Postgres.Session s, DatabasePlan plan, PgServer server, Reporter reporter) {
    if (!exists(repo, s, plan)) {
      build(repo, s, plan, server, reporter);
    }
  }

  /**
   * Makes sure the template exists ({@link #ensureTemplate}), then copies it with {@code clone}. A
   * template that went between that check and the clone (the last worktree's {@code wt down}
   * dropped it, a refresh swapped it) is made sure of and cloned once more holding the template
   * lock, which those take too: nothing takes it away then. The caller has recorded its intent
   * first, so no later down drops it.
   */
  public void cloneTemplate(Repo repo, Postgres.Session s, DatabasePlan plan, PgServer server, Runnable clone,
      Reporter reporter) {
    ensureTemplate(repo, s, plan, server, reporter);
    try {
      clone.run();
    } catch (WtException e) {
      if (s.database(plan.template()).map(Postgres.DatabaseInfo::template).orElse(false)) {
        throw e; // the template is there: it was not what failed
      }
      reporter.progress("template " + plan.template() + " went away before the copy (a wt down or a refresh); "
          + "trying again under the template lock");
      repo.state().locked(TEMPLATE_LOCK, () -> {
        ensureHeld(repo, s, plan, server, reporter);
        clone.run();
        return null;
      });
    }
  }

  /** The lock a template is built and refreshed under. */
  public static final String TEMPLATE_LOCK = "template";

  /**
   * Whether this checkout's template is there; refused when another checkout's is. One marked before
   * repository ids is cloned from as before (a clone only reads it; this machine's or another's with
   * the repository at the same path, it was shared so before): a refresh marks it as this
   * repository's, and wt never drops it by that mark.
   */
  static boolean exists(Repo repo, Postgres.Session s, DatabasePlan plan) {
    java.util.Optional<Postgres.DatabaseInfo> existing = s.database(plan.template());
    String comment = existing.map(Postgres.DatabaseInfo::comment).orElse(null);
    if (existing.isPresent() && dev.wt.core.OwnedDatabase.markedByAnother(comment, repo.key())
        && !dev.wt.core.OwnedDatabase.markedBy(comment, repo.legacyKey())) {
      // another checkout with the same project name made it: its data, and it drops it when done
      throw WtException.refused("template " + plan.template() + " belongs to another checkout of " + repo.project()
              + " (" + existing.get().comment() + ")",
          "give this checkout its own name: project = \"" + repo.project() + "_2\" in wt.local.toml");
    }
    return existing.isPresent();
  }

  private void build(Repo repo, Postgres.Session s, DatabasePlan plan, PgServer server, Reporter reporter) {
    // built aside and renamed into place once complete and marked: a wt killed meanwhile leaves no
    // half-filled or unmarked template for every worktree to clone, only a staging copy dropped here
    String auto = DatabasePlan.autoTemplateComment(repo.project(), repo.key());
    String staging = Refill.stagingName(plan.template());
    java.util.Optional<Postgres.DatabaseInfo> left = s.database(staging);
    String refreshed = DatabasePlan.templateComment(repo.project(), repo.key());
    String comment = left.map(Postgres.DatabaseInfo::comment).orElse(null);
    if (refreshed.equals(comment) || LegacyMarks.twin(repo, refreshed).equals(comment)) {
      // a template refresh cut off between dropping the old template and renaming its complete copy in
      // (a refresh marks its copy so only once the fill is complete); an older build's is marked anew
      s.rename(staging, plan.template());
      s.setTemplate(plan.template(), true);
      reporter.done("template " + plan.template() + ": finished an interrupted refresh");
      if (!refreshed.equals(comment)) {
        LegacyMarks.remark(s, plan.template(), refreshed, reporter);
      }
      return;
    }
    dropLeftover(repo, s, plan);
    long started = System.nanoTime();
    String from;
    if (s.database(plan.main()).isPresent()) {
      try {
        StagingCopy.create(repo.state(), s, staging, auto, () -> s.create(staging, plan.main()));
        from = "a copy of " + plan.main();
      } catch (WtException busy) {
        if (busy.exitCode() != dev.wt.core.ExitCode.REFUSED) {
          throw busy;
        }
        StagingCopy.create(repo.state(), s, staging, auto, () -> s.create(staging, null));
        tools.copy(PgSource.parse(server.url(plan.main())), server, staging, jobs(), reporter);
        from = "a dump of " + plan.main() + " (it is in use)";
      }
    } else {
      StagingCopy.create(repo.state(), s, staging, auto, () -> s.create(staging, null));
      from = "empty (there is no " + plan.main() + " database yet; wt db template refresh fills it)";
    }
    s.rename(staging, plan.template());
    s.setTemplate(plan.template(), true);
    reporter.done("template " + plan.template() + ": created, " + from + ", in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  /**
   * Under the template lock: drops a staging copy of the template that a killed build or refresh
   * of this checkout left (its marks, or unmarked with its intent still set), also one an older build
   * marked before repository ids: the configuration names the template, whose legacy mark wt takes
   * as this checkout's too ({@link #exists}). Anything else is refused: another checkout of the
   * project (same server, its own template lock) may be filling it.
   */
  public static void dropLeftover(Repo repo, Postgres.Session s, DatabasePlan plan) {
    String staging = Refill.stagingName(plan.template());
    java.util.Optional<Postgres.DatabaseInfo> left = s.database(staging);
    java.util.List<String> ours = new java.util.ArrayList<>();
    for (String key : java.util.List.of(repo.key(), repo.legacyKey())) {
      String refreshed = DatabasePlan.templateComment(repo.project(), key);
      ours.addAll(java.util.List.of(DatabasePlan.autoTemplateComment(repo.project(), key), refreshed,
          dev.wt.core.OwnedDatabase.unfinished(refreshed)));
    }
    if (left.isPresent() && !StagingCopy.dropIfOurs(repo.state(), s, staging, ours)) {
      throw StagingCopy.notOurs(left.get(), "this checkout's staging copy for " + plan.template(),
          "another checkout of " + repo.project() + " may be building the template: wait and run again; "
              + "if none is, drop " + staging + " yourself");
    }
  }

  /**
   * Restores the pull source into {@code database} (marked {@code owner}) unless it has tables
   * already and the pull is not forced; through {@link Refill}, so a failed pull leaves it as it was.
   */
  void pullIfEmpty(Repo repo, DatabasePlan plan, PgServer server, Postgres.Session admin, String database, String owner,
      int limit, boolean force, Reporter reporter) {
    int tables;
    try (Postgres.Session in = postgres.open(server, database)) {
      tables = in.tableCount();
    }
    if (tables > 0 && !force) {
      reporter.unchanged("database " + database + ": has " + tables + " tables, pull skipped "
          + "(--force-db-pull or WT_FORCE_DB_PULL=1 pulls again)");
      return;
    }
    String url = sourceUrl(repo, plan, reporter);
    if (tables > 0) {
      reporter.progress("database " + database + ": has " + tables + " tables; forced, so a fresh pull replaces them "
          + "once it is complete");
    }
    long started = System.nanoTime();
    pullFrom(url, server, reporter).replace(admin, repo.state(), database, owner, LegacyMarks.twin(repo, owner), false,
        reporter);
    admin.connectionLimit(database, limit);
    reporter.done("database " + database + ": " + (tables > 0 ? "replaced by a pull from " : "pulled from ")
        + PgServer.mask(url) + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  /** A refill from a libpq URL: probed first, dumped with its parameters, the password kept off the command line. */
  public Refill pullFrom(String url, PgServer server, Reporter reporter) {
    return new Refill(PgServer.mask(url), () -> tools.probe(source(url)), (s, staging) -> s.create(staging, null),
        staging -> tools.copy(source(url), server, staging, jobs(), reporter));
  }

  static PgSource source(String url) {
    try {
      return PgSource.parse(url);
    } catch (IllegalArgumentException e) {
      throw WtException.refused("the pull source is " + e.getMessage(),
          "give a postgresql://user@host:port/database URL (parameters such as ?sslmode=require are kept)");
    }
  }

  /** {@code --force-db-pull} or {@code WT_FORCE_DB_PULL} (1, true, yes): the one reading of the variable. */
  public static boolean forced(boolean flag, Map<String, String> env) {
    String v = env.get("WT_FORCE_DB_PULL");
    return flag || (v != null && java.util.Set.of("1", "true", "yes").contains(v.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * The pull source of a database: source_env from wt's environment, else source_file in the main
   * worktree. Which variable or file holds the production URL is the configuration's to say: from
   * the repository's, it needs the user's approval ({@code wt trust}), as a command does, or a
   * commit could pull whatever database another variable of the user's names into its server.
   */
  public String sourceUrl(Repo repo, DatabasePlan plan, Reporter reporter) {
    var c = plan.config();
    servers.requireApproved(repo, dev.wt.core.RepoCommands.pullSourceKey(c.name()), reporter);
    if (c.sourceEnv() != null) {
      String v = env.get(c.sourceEnv());
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
      if (c.sourceFile() == null) {
        throw WtException.refused("databases." + c.name() + ".source_env names " + c.sourceEnv() + ", which is not set",
            "export " + c.sourceEnv() + "=postgresql://... (a read-only replica is best)");
      }
    }
    if (c.sourceFile() == null) {
      throw WtException.refused("databases." + c.name() + " has no pull source", "set source_env or source_file");
    }
    Path f = dev.wt.port.RealPaths.readableInside(repo.main(), c.sourceFile(), "databases." + c.name() + ".source_file");
    String text;
    try {
      text = disk.read(f).orElseThrow(() -> new NoSuchFileException(f.toString()));
    } catch (IOException e) {
      throw WtException.refused("cannot read the pull source " + f + ": " + e.getMessage(),
          "put the source URL in " + f + " or set databases." + c.name() + ".source_env");
    }
    String url;
    if (c.sourceKey() != null) {
      // a dotenv file holds every secret of the project: only the key's name is ever shown
      url = dev.wt.core.Dotenv.value(text, c.sourceKey()).map(String::strip).filter(v -> !v.isEmpty())
          .orElseThrow(() -> WtException.refused("the pull source " + f + " has no value for " + c.sourceKey()
              + " (the file's contents are not shown)",
              "add " + c.sourceKey() + "=postgresql://... to " + c.sourceFile() + " (vercel env pull writes it), "
                  + "or fix databases." + c.name() + ".source_key"));
    } else {
      url = text.strip();
    }
    try {
      PgServer.parse(url);
    } catch (IllegalArgumentException e) {
      // never quote the file: it may be a whole .env with every secret of the project
      throw WtException.refused("the pull source " + f + (c.sourceKey() == null ? "" : " key " + c.sourceKey())
              + " does not hold just a postgresql:// URL (its contents are not shown)",
          c.sourceKey() != null ? "set " + c.sourceKey() + " in " + c.sourceFile() + " to the postgresql:// URL"
              : "put only the source URL in " + c.sourceFile() + ", or name a key in it with databases." + c.name()
                  + ".source_key");
    }
    return url;
  }
}
