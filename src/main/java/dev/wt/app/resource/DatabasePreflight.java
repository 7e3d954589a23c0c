package dev.wt.app.resource;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.ServerMode;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.List;
import java.util.Optional;
import dev.wt.app.Repo;

/** What the database side checks and readies before anything is made: the connection, the names, the variables. */
final class DatabasePreflight {

  private final DatabaseServers servers;

  DatabasePreflight(DatabaseServers servers) {
    this.servers = servers;
  }

  /** {@link ResourceProvisioner#warm} of {@link DatabaseProvisioner}. */
  void warm(Repo repo) {
    ServerMode mode = servers.mode(repo);
    boolean anyPostgres = repo.config().databases().effective().stream().anyMatch(d -> d.postgres());
    if (!anyPostgres || mode != ServerMode.URL && mode != ServerMode.EMBEDDED) {
      return; // a container or compose server may not run yet; waking docker is not free
    }
    // connecting (and a JVM's first connection loads the driver: 100-200 ms) overlaps git's reads;
    // one session per database, which the preflight, the creates or the drops take
    int sessions = (int) repo.config().databases().effective().stream().filter(d -> d.postgres()).count();
    // on a thread too: finding the embedded cluster reads its files and asks whether it runs
    Thread t = new Thread(() -> {
      try {
        servers.check(repo).ifPresent(s -> servers.postgres().warm(s, Math.min(sessions, DatabaseProvisioner.PARALLEL)));
      } catch (RuntimeException e) {
        // the preflight or the drop opens its own connection and reports what is wrong
      }
    }, "wt-warm-postgres");
    t.setDaemon(true);
    t.start();
  }

  /** {@link ResourceProvisioner#preflight} of {@link DatabaseProvisioner}. */
  void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
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
    try (Postgres.Session s = open(repo, server.get())) {
      if (s == null) {
        return;
      }
      for (DatabasePlan plan : plans) {
        String database = plan.databaseFor(identity);
        Optional<Postgres.DatabaseInfo> info = s.database(database);
        String comment = info.map(Postgres.DatabaseInfo::comment).orElse(null);
        // unmarked (a setup cut off before its mark) or marked before repository ids: this worktree's
        // only when its record here names it; a setup marks it again
        boolean adoptable = (comment == null || LegacyMarks.owner(repo, identity.slug()).equals(comment))
            && known.stream().anyMatch(d -> d.database().equals(database));
        if (info.isPresent() && !owner.equals(comment) && !adoptable) {
          throw DatabaseCreator.notOurs(plan, server.get(), database, comment);
        }
        if (info.isEmpty() && plan.config().fillType() == dev.wt.core.DbFill.TEMPLATE) {
          DatabaseFiller.exists(repo, s, plan); // another checkout's template: refused before the worktree is made
        }
      }
    }
  }

  /**
   * A session on the server the preflight found running; null when it was the embedded cluster and
   * the last {@code wt down} has stopped it since: nothing on it can collide then, as when it was
   * not running, and the provisioning starts it again.
   */
  private Postgres.Session open(Repo repo, PgServer server) {
    try {
      return servers.postgres().open(server, server.adminDatabase());
    } catch (dev.wt.core.WtException e) {
      if (servers.mode(repo) == ServerMode.EMBEDDED && servers.check(repo).isEmpty()) {
        return null;
      }
      throw e;
    }
  }

  /** {@link ResourceProvisioner#variableNames} of {@link DatabaseProvisioner}. */
  java.util.Set<String> variableNames(Repo repo) {
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
