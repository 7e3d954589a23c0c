package dev.wt.adapter.postgres;

import dev.wt.port.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Finds the last applied migration in the tables the common migration tools keep. */
final class Migrations {

  private Migrations() {}

  /** A tool, the table it keeps (schema-qualified where the tool uses its own schema), and the query. */
  private record Tool(String name, String table, String lastSql) {}

  // Table names are fixed here, never from users; each query orders by what the tool treats as "applied last".
  private static final List<Tool> TOOLS = List.of(
      new Tool("drizzle", "drizzle.__drizzle_migrations",
          "SELECT hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1"),
      new Tool("drizzle", "public.__drizzle_migrations",
          "SELECT hash, created_at::text FROM public.__drizzle_migrations ORDER BY created_at DESC LIMIT 1"),
      new Tool("prisma", "public._prisma_migrations",
          "SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL "
              + "AND rolled_back_at IS NULL ORDER BY finished_at DESC LIMIT 1"),
      new Tool("flyway", "public.flyway_schema_history",
          "SELECT coalesce(version, '') || ' ' || description FROM public.flyway_schema_history "
              + "WHERE success ORDER BY installed_rank DESC LIMIT 1"),
      new Tool("liquibase", "public.databasechangelog",
          "SELECT id || ' (' || filename || ')' FROM public.databasechangelog ORDER BY orderexecuted DESC LIMIT 1"),
      new Tool("schema_migrations", "public.schema_migrations",
          // Rails keeps varchar timestamps, golang-migrate a bigint: longest then greatest works for both
          "SELECT version::text FROM public.schema_migrations ORDER BY length(version::text) DESC, "
              + "version::text DESC LIMIT 1"),
      new Tool("django", "public.django_migrations",
          "SELECT app || '.' || name FROM public.django_migrations ORDER BY applied DESC, id DESC LIMIT 1"),
      new Tool("knex", "public.knex_migrations",
          "SELECT name FROM public.knex_migrations ORDER BY id DESC LIMIT 1"),
      new Tool("alembic", "public.alembic_version", "SELECT version_num FROM public.alembic_version LIMIT 1"),
      new Tool("sqlx", "public._sqlx_migrations",
          "SELECT version || ' ' || description FROM public._sqlx_migrations WHERE success ORDER BY version DESC LIMIT 1"),
      new Tool("d1", "public.d1_migrations", "SELECT name FROM public.d1_migrations ORDER BY id DESC LIMIT 1"));

  static Optional<Postgres.Migration> last(Connection c, int timeoutSeconds) throws SQLException {
    for (Tool t : TOOLS) {
      if (!exists(c, t.table(), timeoutSeconds)) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(timeoutSeconds);
        try (ResultSet rs = s.executeQuery(t.lastSql())) {
          boolean any = rs.next();
          String last = any ? rs.getString(1) : null;
          String at = any && rs.getMetaData().getColumnCount() > 1 ? rs.getString(2) : null;
          return Optional.of(new Postgres.Migration(t.name(), last == null ? "(none applied)" : last, at));
        }
      } catch (SQLException e) {
        // a table of that name with another shape (not the tool's): report the tool without a version
        return Optional.of(new Postgres.Migration(t.name(), "(unreadable: " + e.getMessage().lines().findFirst().orElse("") + ")"));
      }
    }
    return Optional.empty();
  }

  private static boolean exists(Connection c, String table, int timeoutSeconds) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setQueryTimeout(timeoutSeconds);
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
