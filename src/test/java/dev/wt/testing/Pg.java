package dev.wt.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/** Direct SQL on a test server, to arrange and check what wt did (never through wt itself). */
public record Pg(String host, int port) {

  /** The machine's server: 127.0.0.1:5432, trust auth, user postgres. */
  public static Pg local() {
    return new Pg("127.0.0.1", 5432);
  }

  public String adminUrl() {
    return "postgresql://postgres@" + host + ":" + port + "/postgres";
  }

  public Connection connect(String database) {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "5");
    try {
      return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    } catch (SQLException e) {
      throw new AssertionError("cannot connect to " + database + " on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** Runs statements in {@code database}. */
  public void exec(String database, String... sql) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new AssertionError("SQL failed in " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code during} while a transaction holds {@code table} of {@code database} locked: a
   * pg_dump of it waits meanwhile, so a refill from it stays half done where a kill would leave it.
   */
  public <T> T whileLocked(String database, String table, java.util.concurrent.Callable<T> during) throws Exception {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      try {
        return during.call();
      } finally {
        c.rollback();
      }
    }
  }

  /** The first column of every row of a query in {@code database}. */
  public List<String> column(String database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new AssertionError("query failed in " + database + ": " + e.getMessage(), e);
    }
  }

  /** Every database on the server, sorted. */
  public TreeSet<String> databases() {
    return new TreeSet<>(column("postgres", "SELECT datname FROM pg_database"));
  }

  public String comment(String database) {
    List<String> c = column("postgres",
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'");
    return c.isEmpty() ? null : c.get(0);
  }

  /** Drops every database whose name starts with {@code prefix} (test clean-up). */
  public void dropAll(String prefix) {
    for (String d : databases()) {
      if (d.startsWith(prefix)) {
        try {
          exec("postgres", "ALTER DATABASE \"" + d + "\" IS_TEMPLATE false");
        } catch (AssertionError invalid) {
          // left invalid by a DROP that was cut off: it can only be dropped
        }
        exec("postgres", "DROP DATABASE \"" + d + "\" WITH (FORCE)");
      }
    }
  }

  /** Whether the server answers at all (tests assume it does). */
  public boolean answers() {
    try (Connection c = connect("postgres")) {
      return c.isValid(2);
    } catch (SQLException | AssertionError e) {
      return false;
    }
  }
}
