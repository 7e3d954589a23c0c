package dev.wt.adapter.postgres;

import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** {@link Postgres} over pgjdbc: one connection per session (a CLI needs no pool). */
public final class JdbcPostgres implements Postgres {

  /** Per attempt: a loaded 2-core machine starting twenty JVMs answers a local connect in seconds, not ms. */
  static final int CONNECT_TIMEOUT_S = 10;
  /** How long a server that times out or is full keeps being retried before wt calls it unavailable. */
  private static final long BUSY_BUDGET_MS = 45_000;
  /** A refused connection means nothing listens: retried only briefly (a server restarting). */
  private static final long REFUSED_BUDGET_MS = 3_000;
  private static final long MAX_PAUSE_MS = 2_000;

  @Override
  public Session open(PgServer server, String database) {
    long started = System.nanoTime();
    long pause = 100;
    while (true) {
      try {
        return new JdbcSession(connect(server, database, CONNECT_TIMEOUT_S), server, database);
      } catch (SQLException e) {
        long budget = retryBudgetMillis(e);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (elapsed + pause > budget) {
          throw unreachable(server, database, e);
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw unreachable(server, database, e);
        }
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
      }
    }
  }

  /**
   * How long a failed connect is worth retrying: a busy server (timed out, too many clients,
   * starting up) for long, a refused connection briefly, a wrong password or database not at all.
   */
  static long retryBudgetMillis(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("53300") || state.equals("57P03")) {
      return BUSY_BUDGET_MS;
    }
    if (!state.startsWith("08")) {
      return 0;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return REFUSED_BUDGET_MS;
      }
      if (t instanceof java.net.UnknownHostException) {
        return 0;
      }
    }
    return BUSY_BUDGET_MS;
  }

  @Override
  public boolean answers(PgServer server) {
    try (Connection c = connect(server, server.adminDatabase(), 1)) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * What wt's sessions are called in {@code pg_stat_activity}: with the process id, so that a command
   * tells its own sessions (one just closed may linger there a moment) from other clients'.
   */
  static final String APPLICATION = "wt " + ProcessHandle.current().pid();

  static Connection connect(PgServer server, String database, int timeoutSeconds) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", server.user());
    if (server.password() != null) {
      p.setProperty("password", server.password());
    } else if (!server.userCredentials()) {
      p.setProperty("password", ""); // set, so the driver does not look in the user's ~/.pgpass
    }
    p.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
    // above the longest statement timeout (JdbcSession: 1800 s), so a slow copy ends by its own timeout
    p.setProperty("socketTimeout", "1900");
    p.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
    p.setProperty("ApplicationName", APPLICATION);
    p.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(server.jdbcUrl(database), p);
  }

  static WtException unreachable(PgServer server, String database, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("3D000")) {
      return WtException.environment("database " + database + " does not exist on " + server.host() + ":" + server.port(),
          "run wt setup to create the worktree's databases, or wt db status to see what exists");
    }
    if (state.startsWith("28")) {
      return WtException.environment("PostgreSQL at " + server.host() + ":" + server.port() + " refused user "
          + server.user() + ": " + PgServer.mask(e.getMessage()),
          server.userCredentials() ? "put the password in the URL ([postgres] url), PGPASSWORD or ~/.pgpass"
              // PGPASSWORD and ~/.pgpass go only to a server the user named
              : "name the server in your own wt.local.toml or WT_PG_URL (then PGPASSWORD and ~/.pgpass apply), "
                  + "or put the password in the URL");
    }
    return WtException.environment("PostgreSQL at " + server.host() + ":" + server.port() + " does not answer: "
        + PgServer.mask(e.getMessage()),
        "start the server, or check [postgres] mode/url in wt.toml (wt db server status shows the embedded one)", e);
  }
}
