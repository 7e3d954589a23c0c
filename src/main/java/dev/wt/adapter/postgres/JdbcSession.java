package dev.wt.adapter.postgres;

import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One pgjdbc connection; translates every SQLException into a WtException naming the statement. */
final class JdbcSession implements Postgres.Session {

  /** Statement timeout for catalogue queries; copies and drops get {@link #LONG_TIMEOUT_S}. */
  private static final int SHORT_TIMEOUT_S = 30;
  private static final int LONG_TIMEOUT_S = 1800;

  private final Connection connection;
  private final PgServer server;
  private final String database;

  JdbcSession(Connection connection, PgServer server, String database) {
    this.connection = connection;
    this.server = server;
    this.database = database;
  }

  /** Quotes an identifier the way PostgreSQL's quote_ident does, always. */
  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Whether the connection still answers (one round trip): a kept one may have been ended by the server. */
  boolean answers() {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public int serverVersion() {
    return Integer.parseInt(setting("server_version_num"));
  }

  @Override
  public String setting(String name) {
    return queryOne("SELECT current_setting(?, true)", name);
  }

  @Override
  public Optional<Postgres.DatabaseInfo> database(String name) {
    return query("SELECT d.datname, shobj_description(d.oid, 'pg_database'), d.datistemplate, d.datconnlimit "
        + "FROM pg_database d WHERE d.datname = ?", name).stream().findFirst();
  }

  @Override
  public List<Postgres.DatabaseInfo> databases() {
    return query("SELECT d.datname, shobj_description(d.oid, 'pg_database'), d.datistemplate, d.datconnlimit "
        + "FROM pg_database d ORDER BY d.datname", null);
  }

  @Override
  public void create(String name, String template) {
    String sql = "CREATE DATABASE " + ident(name);
    if (template != null) {
      sql += " TEMPLATE " + ident(template) + (serverVersion() >= 150000 ? " STRATEGY FILE_COPY" : "");
    }
    execute(sql, LONG_TIMEOUT_S);
  }

  @Override
  public void comment(String name, String comment) {
    execute("COMMENT ON DATABASE " + ident(name) + " IS " + literal(comment), SHORT_TIMEOUT_S);
  }

  @Override
  public void connectionLimit(String name, int limit) {
    execute("ALTER DATABASE " + ident(name) + " CONNECTION LIMIT " + limit, SHORT_TIMEOUT_S);
  }

  @Override
  public void setTemplate(String name, boolean isTemplate) {
    execute("ALTER DATABASE " + ident(name) + " IS_TEMPLATE " + isTemplate, SHORT_TIMEOUT_S);
  }

  @Override
  public void rename(String from, String to) {
    execute("ALTER DATABASE " + ident(from) + " RENAME TO " + ident(to), SHORT_TIMEOUT_S);
  }

  @Override
  public int terminate(String name) {
    String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()";
    return Integer.parseInt(queryOne(sql, name));
  }

  @Override
  public List<String> otherClients() {
    String all = queryOne("SELECT string_agg('on ' || coalesce(datname, '-') || ' from ' "
        + "|| coalesce(nullif(application_name, ''), 'an unnamed client'), E'\\n' ORDER BY backend_start) FROM pg_stat_activity "
        + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name IS DISTINCT FROM ?",
        JdbcPostgres.APPLICATION);
    return all == null ? List.of() : List.of(all.split("\n"));
  }

  @Override
  public void drop(String name) {
    if (serverVersion() >= 130000) {
      execute("DROP DATABASE IF EXISTS " + ident(name) + " WITH (FORCE)", LONG_TIMEOUT_S);
    } else {
      terminate(name);
      execute("DROP DATABASE IF EXISTS " + ident(name), LONG_TIMEOUT_S);
    }
  }

  @Override
  public long size(String name) {
    return Long.parseLong(queryOne("SELECT pg_database_size(?::text::name)", name));
  }

  @Override
  public int tableCount() {
    return Integer.parseInt(queryOne("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN "
        + "('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%'", null));
  }

  @Override
  public Optional<Postgres.Migration> lastMigration() {
    try {
      return Migrations.last(connection, SHORT_TIMEOUT_S);
    } catch (SQLException e) {
      throw failed("reading the migration tables", e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a broken connection: nothing left to release
    }
  }

  private void execute(String sql, int timeoutSeconds) {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      s.execute(sql);
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  private String queryOne(String sql, String param) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setQueryTimeout(SHORT_TIMEOUT_S);
      if (param != null) {
        s.setString(1, param);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  private List<Postgres.DatabaseInfo> query(String sql, String param) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setQueryTimeout(SHORT_TIMEOUT_S);
      if (param != null) {
        s.setString(1, param);
      }
      List<Postgres.DatabaseInfo> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Postgres.DatabaseInfo(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  private WtException failed(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = server.host() + ":" + server.port() + "/" + database;
    if (state.startsWith("08")) {
      return JdbcPostgres.unreachable(server, database, e);
    }
    if (state.equals("42501")) {
      return WtException.environment("user " + server.user() + " may not do this on " + where + ": " + e.getMessage(),
          "connect as a user with CREATEDB (the [postgres] url)", e);
    }
    if (state.equals("55006")) {
      return new WtException(dev.wt.core.ExitCode.REFUSED, "a database is in use: " + e.getMessage(),
          "close the sessions on it (your dev server, psql) and try again", e);
    }
    return WtException.environment("PostgreSQL at " + where + " failed: " + e.getMessage() + " (" + what + ")",
        "run wt db status; rerun with -v for details", e);
  }
}
