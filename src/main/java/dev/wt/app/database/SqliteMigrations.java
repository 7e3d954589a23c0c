package dev.wt.app.database;

import dev.wt.core.Shell;
import dev.wt.port.CommandRunner;
import dev.wt.port.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last migration recorded in a SQLite file, read with the {@code sqlite3} program in read-only
 * mode (it also sees what a WAL file holds): drizzle, prisma, knex, wrangler's D1, django.
 */
final class SqliteMigrations {

  /** What was found: a migration, or nothing; a file sqlite3 could not read is named as such, not an error. */
  record Found(Postgres.Migration migration) {
    static final Found NONE = new Found(null);

    static Found unreadable(String why) {
      return new Found(new Postgres.Migration("sqlite3", "(" + why + ")"));
    }
  }

  /** A tool, its table, and the query for the last applied migration (fixed here, never from users). */
  private record Tool(String name, String table, String lastSql) {}

  private static final List<Tool> TOOLS = List.of(
      new Tool("drizzle", "__drizzle_migrations",
          "SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1"),
      new Tool("prisma", "_prisma_migrations",
          "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL "
              + "ORDER BY finished_at DESC LIMIT 1"),
      new Tool("d1", "d1_migrations", "SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1"),
      new Tool("knex", "knex_migrations", "SELECT name FROM knex_migrations ORDER BY id DESC LIMIT 1"),
      new Tool("django", "django_migrations",
          "SELECT app || '.' || name FROM django_migrations ORDER BY applied DESC, id DESC LIMIT 1"));

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CommandRunner commands;

  SqliteMigrations(CommandRunner commands) {
    this.commands = commands;
  }

  Found last(Path file) {
    List<String> tables = new ArrayList<>();
    int code;
    try {
      code = query(file, "SELECT name FROM sqlite_master WHERE type = 'table'", tables);
    } catch (RuntimeException e) {
      return Found.unreadable("could not read migrations: " + e.getMessage());
    }
    if (code == 127) {
      return Found.unreadable("sqlite3 is not installed, so the migrations were not read");
    }
    if (code != 0) {
      return Found.unreadable("unreadable: " + String.join(" ", tables));
    }
    Set<String> present = Set.copyOf(tables);
    for (Tool t : TOOLS) {
      if (!present.contains(t.table())) {
        continue;
      }
      List<String> rows = new ArrayList<>();
      if (query(file, t.lastSql(), rows) != 0) {
        return new Found(new Postgres.Migration(t.name(), "(unreadable: " + String.join(" ", rows) + ")"));
      }
      if (rows.isEmpty()) {
        return new Found(new Postgres.Migration(t.name(), "(none applied)"));
      }
      String[] cols = rows.get(0).split("\\|", -1);
      return new Found(new Postgres.Migration(t.name(), cols[0], cols.length > 1 ? cols[1] : null));
    }
    return Found.NONE;
  }

  private int query(Path file, String sql, List<String> lines) {
    // -readonly: status must never change the file; columns come back split by | (list mode)
    String cmd = "sqlite3 -readonly -batch -noheader " + Shell.quote(file.toString()) + " "
        + Shell.quote(sql) + " 2>&1";
    return commands.runShell(cmd, file.getParent(), Map.of(), lines::add, TIMEOUT);
  }
}
