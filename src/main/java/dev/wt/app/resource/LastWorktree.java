package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.ServerMode;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What goes with the last worktree that uses PostgreSQL: the templates wt built on its own (not via
 * {@code wt db template refresh}), and in embedded mode the cluster's process (its data stays).
 * Decided again under the lock of what goes (the template lock, the server lock), so that a
 * {@code wt up} recorded meanwhile keeps them: it clones the template and connects to the server.
 */
final class LastWorktree {

  private final DatabaseServers servers;

  LastWorktree(DatabaseServers servers) {
    this.servers = servers;
  }

  /** Drops the automatic templates and stops the embedded cluster when no worktree but {@code record}'s needs them. */
  void release(Repo repo, WorktreeRecord record, PgServer server, Reporter reporter) {
    if (server == null || repo.state().all().stream().anyMatch(r -> !r.slug().equals(record.slug()) && usesPostgres(r))) {
      return; // the common case, without waiting for a template build or refresh
    }
    Optional<List<String>> others = repo.state().locked(DatabaseFiller.TEMPLATE_LOCK,
        () -> stillLast(repo, record, "wt's templates kept", reporter)
            ? Optional.of(dropAutoTemplates(repo, server, reporter)) : Optional.empty());
    if (others.isEmpty() || servers.mode(repo) != ServerMode.EMBEDDED) {
      return;
    }
    if (!others.get().isEmpty()) {
      // someone keeps their own data there (the main database, say) and may be using it right now
      reporter.unchanged("embedded PostgreSQL left running: it also holds " + String.join(", ", others.get())
          + " (wt db server stop stops it)");
      return;
    }
    // the cluster exists for the worktrees; with none left it stops (its data stays for the next wt up),
    // unless an up started since: it starts the cluster under this lock, after recording its worktree;
    // or a client is connected (psql, a database browser, another wt command), whom a stop would cut off;
    // or another wt command started it under this lock and may not have connected yet
    servers.serverLocked(repo, () -> {
      if (stillLast(repo, record, "embedded PostgreSQL left running", reporter) && noClients(server, reporter)
          && noOtherCommand(repo, reporter)) {
        servers.embedded().stop(servers.embeddedSettings(repo), reporter);
      }
      return null;
    });
  }

  /** Whether no other client is connected to {@code server}; says who is when one is. */
  private boolean noClients(PgServer server, Reporter reporter) {
    List<String> clients;
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      clients = s.otherClients();
    } catch (WtException e) {
      return true; // it does not answer: no one is using it, and the stop says what is wrong
    }
    if (clients.isEmpty()) {
      return true;
    }
    reporter.unchanged("embedded PostgreSQL left running: " + clients.size() + (clients.size() == 1
        ? " other session is" : " other sessions are") + " connected (" + String.join(", ", clients.stream().distinct()
        .limit(3).toList()) + (clients.stream().distinct().count() > 3 ? ", …" : "") + "; wt db server stop stops it)");
    return false;
  }

  /** Whether no other wt command started the cluster and still runs; says so when one does. */
  private boolean noOtherCommand(Repo repo, Reporter reporter) {
    if (!servers.usedByOtherCommands(repo)) {
      return true;
    }
    reporter.unchanged("embedded PostgreSQL left running: another wt command started it and is still using it "
        + "(wt db server stop stops it)");
    return false;
  }

  /** {@link #user} under a lock: says which worktree keeps them when one does. */
  private static boolean stillLast(Repo repo, WorktreeRecord record, String kept, Reporter reporter) {
    Optional<WorktreeRecord> user = user(repo, record);
    user.ifPresent(u -> reporter.unchanged(kept + ": worktree " + u.identity().branch() + " is being set up"));
    return user.isEmpty();
  }

  /**
   * Another worktree that needs the server and the templates: one with PostgreSQL databases (an up
   * records each before it clones), or one a command is setting up right now (its up recorded it and
   * may start the server or clone next).
   */
  private static Optional<WorktreeRecord> user(Repo repo, WorktreeRecord record) {
    for (WorktreeRecord r : repo.state().all()) {
      if (r.slug().equals(record.slug())) {
        continue;
      }
      if (usesPostgres(r) || r.setupPending() && repo.state().ifWorktreeIdle(r.slug(), () -> true).isEmpty()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static boolean usesPostgres(WorktreeRecord r) {
    return r.databases().stream().anyMatch(OwnedDatabase::postgres);
  }

  /**
   * Drops the templates wt built on its own; returns the other databases on the server. One whose
   * mark predates repository ids stays (it may be another machine's), but is no one's data in use;
   * on the embedded cluster, which lives under this user's WT_PG_HOME, it is this machine's and goes.
   */
  private List<String> dropAutoTemplates(Repo repo, PgServer server, Reporter reporter) {
    String auto = DatabasePlan.autoTemplateComment(repo.project(), repo.key());
    String legacy = DatabasePlan.autoTemplateComment(repo.project(), repo.legacyKey());
    boolean thisMachine = servers.mode(repo) == ServerMode.EMBEDDED;
    List<String> others = new ArrayList<>();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      for (Postgres.DatabaseInfo info : s.databases()) {
        if (auto.equals(info.comment()) || thisMachine && legacy.equals(info.comment())) {
          dropTemplate(repo, s, info.name(), info.comment(), reporter);
        } else if (legacy.equals(info.comment())) {
          reporter.unchanged("template " + info.name() + ": " + LegacyMarks.kept(server, info.name(), true));
        } else if (!OwnedDatabase.SYSTEM_DATABASES.contains(info.name())) {
          others.add(info.name());
        }
      }
    }
    return others;
  }

  /**
   * Drops one holding its own database lock as well, as every other drop does: a refill of it (or
   * anything else taking that database's turn) finishes first, and the mark is read again there.
   */
  private static void dropTemplate(Repo repo, Postgres.Session s, String name, String auto, Reporter reporter) {
    dev.wt.app.database.Refill.lockedWhileThere(repo.state(), s, name, () -> {
      Optional<Postgres.DatabaseInfo> now = s.database(name);
      if (now.isEmpty() || !auto.equals(now.get().comment())) {
        return null; // dropped, or replaced by a template someone built by hand, while this waited
      }
      if (!now.get().invalid()) { // an invalid one (a drop cut off) refuses ALTER, and DROP takes it as it is
        s.setTemplate(name, false);
      }
      s.drop(name);
      reporter.done("database " + name + ": dropped the template wt made for the worktrees (none is left)");
      return null;
    });
  }
}
