package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.ServerMode;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.List;

/**
 * What goes with the last worktree that uses PostgreSQL: the templates wt built on its own (not via
 * {@code wt db template refresh}), and in embedded mode the cluster's process (its data stays).
 */
final class LastWorktree {

  private final DatabaseServers servers;

  LastWorktree(DatabaseServers servers) {
    this.servers = servers;
  }

  /** Drops the automatic templates and stops the embedded cluster when no worktree but {@code record}'s needs them. */
  void release(Repo repo, WorktreeRecord record, PgServer server, Reporter reporter) {
    if (server == null) {
      return;
    }
    boolean othersNeedIt = repo.state().all().stream()
        .anyMatch(r -> !r.slug().equals(record.slug()) && r.databases().stream().anyMatch(OwnedDatabase::postgres));
    if (othersNeedIt) {
      return;
    }
    String auto = DatabasePlan.autoTemplateComment(repo.project(), repo.key());
    List<String> others = new ArrayList<>();
    try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
      for (Postgres.DatabaseInfo info : s.databases()) {
        if (auto.equals(info.comment())) {
          if (!info.invalid()) { // an invalid one (a drop cut off) refuses ALTER, and DROP takes it as it is
            s.setTemplate(info.name(), false);
          }
          s.drop(info.name());
          reporter.done("database " + info.name() + ": dropped the template wt made for the worktrees (none is left)");
        } else if (!OwnedDatabase.SYSTEM_DATABASES.contains(info.name())) {
          others.add(info.name());
        }
      }
    }
    if (servers.mode(repo) == ServerMode.EMBEDDED && !others.isEmpty()) {
      // someone keeps their own data there (the main database, say) and may be using it right now
      reporter.unchanged("embedded PostgreSQL left running: it also holds " + String.join(", ", others)
          + " (wt db server stop stops it)");
    } else if (servers.mode(repo) == ServerMode.EMBEDDED) {
      // the cluster exists for the worktrees; with none left it stops (its data stays for the next wt up)
      servers.embedded().stop(servers.embeddedSettings(repo), reporter);
    }
  }
}
