package dev.wt.testing.fake;

import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL servers in memory, keyed by host and port: each holds databases with their comment,
 * template flag and connection limit, as {@code pg_database} does. Like the real server, CREATE
 * refuses a name that exists or a template that does not, and DROP of a missing database is no
 * error. Servers that are {@link #down} refuse connections (an environment error, exit 3).
 * Not modelled: data, sizes, settings and migrations (tables are a count set by the test).
 */
public final class FakePostgres implements Postgres {

  private final Map<String, Map<String, DatabaseInfo>> servers = new LinkedHashMap<>();
  private final Map<String, Integer> tables = new LinkedHashMap<>();
  private final Set<String> down = new HashSet<>();
  private final List<String> dropped = new ArrayList<>();

  /** A server at {@code server} holding the system databases. */
  public synchronized FakePostgres serve(PgServer server) {
    Map<String, DatabaseInfo> dbs = servers.computeIfAbsent(key(server), k -> new LinkedHashMap<>());
    for (String system : List.of("postgres", "template0", "template1")) {
      dbs.putIfAbsent(system, new DatabaseInfo(system, null, system.startsWith("template"), -1));
    }
    return this;
  }

  /** Makes the server at {@code server} stop answering. */
  public synchronized void down(PgServer server) {
    down.add(key(server));
  }

  /** A database someone else made (no comment unless given), e.g. the user's own data. */
  public synchronized void existing(PgServer server, String name, String comment) {
    db(server).put(name, new DatabaseInfo(name, comment, false, -1));
  }

  public synchronized Optional<DatabaseInfo> database(PgServer server, String name) {
    return Optional.ofNullable(db(server).get(name));
  }

  /** Names of the databases on {@code server}, system ones included. */
  public synchronized Set<String> names(PgServer server) {
    return Set.copyOf(db(server).keySet());
  }

  /** Every DROP that removed something, in order. */
  public synchronized List<String> dropped() {
    return List.copyOf(dropped);
  }

  @Override
  public Session open(PgServer server, String database) {
    synchronized (this) {
      if (down.contains(key(server)) || !servers.containsKey(key(server))) {
        throw WtException.environment("PostgreSQL at " + server.host() + ":" + server.port() + " does not answer",
            "start it, or set [postgres] url");
      }
      if (!db(server).containsKey(database)) {
        throw WtException.environment("database " + database + " does not exist", "");
      }
    }
    return new FakeSession(server, database);
  }

  @Override
  public synchronized boolean answers(PgServer server) {
    return servers.containsKey(key(server)) && !down.contains(key(server));
  }

  private Map<String, DatabaseInfo> db(PgServer server) {
    Map<String, DatabaseInfo> dbs = servers.get(key(server));
    if (dbs == null) {
      throw new IllegalStateException("no fake server at " + key(server));
    }
    return dbs;
  }

  private static String key(PgServer server) {
    return server.host() + ":" + server.port();
  }

  /** One connection to a fake server. */
  private final class FakeSession implements Session {
    private final PgServer server;
    private final String connected;

    FakeSession(PgServer server, String connected) {
      this.server = server;
      this.connected = connected;
    }

    @Override
    public int serverVersion() {
      return 160000;
    }

    @Override
    public String setting(String name) {
      return "";
    }

    @Override
    public Optional<DatabaseInfo> database(String name) {
      synchronized (FakePostgres.this) {
        return Optional.ofNullable(db(server).get(name));
      }
    }

    @Override
    public List<DatabaseInfo> databases() {
      synchronized (FakePostgres.this) {
        return List.copyOf(db(server).values());
      }
    }

    @Override
    public void create(String name, String template) {
      synchronized (FakePostgres.this) {
        Map<String, DatabaseInfo> dbs = db(server);
        if (dbs.containsKey(name)) {
          throw WtException.environment("database \"" + name + "\" already exists", "");
        }
        if (template != null && !dbs.containsKey(template)) {
          throw WtException.environment("template database \"" + template + "\" does not exist", "");
        }
        dbs.put(name, new DatabaseInfo(name, null, false, -1));
        tables.put(key(server) + "/" + name, template == null ? 0 : tables.getOrDefault(key(server) + "/" + template, 0));
      }
    }

    @Override
    public void comment(String name, String comment) {
      update(name, i -> new DatabaseInfo(name, comment, i.template(), i.connectionLimit()));
    }

    @Override
    public void connectionLimit(String name, int limit) {
      update(name, i -> new DatabaseInfo(name, i.comment(), i.template(), limit));
    }

    @Override
    public void setTemplate(String name, boolean isTemplate) {
      update(name, i -> new DatabaseInfo(name, i.comment(), isTemplate, i.connectionLimit()));
    }

    @Override
    public void rename(String from, String to) {
      synchronized (FakePostgres.this) {
        Map<String, DatabaseInfo> dbs = db(server);
        DatabaseInfo i = dbs.remove(from);
        if (i == null || dbs.containsKey(to)) {
          throw WtException.environment("cannot rename " + from + " to " + to, "");
        }
        dbs.put(to, new DatabaseInfo(to, i.comment(), i.template(), i.connectionLimit()));
      }
    }

    @Override
    public int terminate(String name) {
      return 0;
    }

    @Override
    public List<String> otherClients() {
      return List.of(); // sessions are not faked: only wt's own connect here
    }

    @Override
    public void drop(String name) {
      synchronized (FakePostgres.this) {
        if (db(server).remove(name) != null) {
          dropped.add(name);
        }
      }
    }

    @Override
    public long size(String name) {
      return 0;
    }

    @Override
    public int tableCount() {
      synchronized (FakePostgres.this) {
        return tables.getOrDefault(key(server) + "/" + connected, 0);
      }
    }

    @Override
    public Optional<Migration> lastMigration() {
      return Optional.empty();
    }

    @Override
    public void close() {
    }

    private void update(String name, java.util.function.UnaryOperator<DatabaseInfo> change) {
      synchronized (FakePostgres.this) {
        DatabaseInfo i = db(server).get(name);
        if (i == null) {
          throw WtException.environment("database \"" + name + "\" does not exist", "");
        }
        db(server).put(name, change.apply(i));
      }
    }
  }
}
