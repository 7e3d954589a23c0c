package dev.wt.adapter.postgres;

import dev.wt.core.PgServer;
import dev.wt.port.Postgres;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Postgres} that hands a command's closed sessions on the server's admin database to its next
 * {@link #open}, and opens them ahead on {@link #warm}: a connection costs 20-100 ms (the server
 * starts a backend for it), and one {@code wt up} or {@code wt down} opens up to six.
 *
 * <p>Only sessions on {@link PgServer#adminDatabase()} are kept: wt never renames or drops that
 * database, while a kept session on a worktree's database would stop its rename. wt's sessions hold
 * nothing between statements (autocommit, no session settings, file locks not advisory ones), so a
 * kept one is as good as a new one; it is checked with a round trip before it is handed out.
 */
public final class ReusedSessions implements Postgres {

  /** At most this many idle sessions per server: as many as a command runs at once. */
  private static final int KEEP = 4;

  private final Postgres connections;
  private final Map<PgServer, Deque<CompletableFuture<Session>>> kept = new HashMap<>();
  /** Set by {@link #release}: sessions closed or opened after it are not kept. */
  private boolean released;

  public ReusedSessions(Postgres connections) {
    this.connections = connections;
  }

  @Override
  public Session open(PgServer server, String database) {
    if (!database.equals(server.adminDatabase())) {
      return connections.open(server, database);
    }
    RuntimeException failed = null;
    while (true) {
      CompletableFuture<Session> next = next(server);
      if (next == null) {
        if (failed != null) {
          throw failed; // the warm-up spent the retries a new open would, against the same server
        }
        return new Kept(server, connections.open(server, database));
      }
      try {
        Optional<Session> ready = taken(next);
        if (ready.isPresent()) {
          return new Kept(server, ready.get());
        }
      } catch (RuntimeException e) {
        failed = e;
      }
    }
  }

  /**
   * Opens {@code sessions} sessions on the server's admin database in the background, for the
   * command's next opens; a failure is left for the open that needs it to report.
   */
  @Override
  public void warm(PgServer server, int sessions) {
    for (int i = 0; i < sessions; i++) {
      CompletableFuture<Session> f = new CompletableFuture<>();
      if (!offer(server, f)) {
        return;
      }
      Thread t = new Thread(() -> {
        try {
          f.complete(connections.open(server, server.adminDatabase()));
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      }, "wt-warm-postgres");
      t.setDaemon(true);
      t.start();
    }
  }

  /** A kept session that still answers says so without a new connection (the probe would be one). */
  @Override
  public boolean answers(PgServer server) {
    CompletableFuture<Session> failed = null;
    for (CompletableFuture<Session> next = next(server); next != null; next = next(server)) {
      try {
        Optional<Session> ready = taken(next);
        if (ready.isPresent()) {
          new Kept(server, ready.get()).close();
          return true;
        }
      } catch (RuntimeException e) {
        failed = next;
      }
    }
    if (failed != null) {
      synchronized (kept) {
        kept.computeIfAbsent(server, k -> new ArrayDeque<>()).addFirst(failed); // the open after this "no" reports it
      }
      return false;
    }
    return connections.answers(server);
  }

  private CompletableFuture<Session> next(PgServer server) {
    synchronized (kept) {
      Deque<CompletableFuture<Session>> q = kept.get(server);
      return q == null ? null : q.pollFirst();
    }
  }

  /** Closes the kept sessions, and those still being opened once they are. */
  @Override
  public void release() {
    synchronized (kept) {
      released = true;
      kept.values().forEach(q -> q.forEach(f -> f.thenAccept(Session::close)));
      kept.clear();
    }
  }

  private boolean offer(PgServer server, CompletableFuture<Session> session) {
    synchronized (kept) {
      if (released) {
        return false;
      }
      Deque<CompletableFuture<Session>> q = kept.computeIfAbsent(server, k -> new ArrayDeque<>());
      if (q.size() >= KEEP) {
        return false;
      }
      q.addLast(session);
      return true;
    }
  }

  /**
   * The session a kept future holds, once it answers; empty when the server closed it since. A
   * warm-up that failed throws what it met: it already spent the retries a new open would.
   */
  private static Optional<Session> taken(CompletableFuture<Session> f) {
    Session s;
    try {
      s = f.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (s instanceof JdbcSession j && !j.answers()) {
      s.close();
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** A session whose close gives it back for the command's next open. */
  private final class Kept implements Session {
    private final PgServer server;
    private final Session session;
    private boolean closed;

    Kept(PgServer server, Session session) {
      this.server = server;
      this.session = session;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (!offer(server, CompletableFuture.completedFuture(session))) {
        session.close();
      }
    }

    @Override
    public int serverVersion() {
      return session.serverVersion();
    }

    @Override
    public String setting(String name) {
      return session.setting(name);
    }

    @Override
    public Optional<DatabaseInfo> database(String name) {
      return session.database(name);
    }

    @Override
    public List<DatabaseInfo> databases() {
      return session.databases();
    }

    @Override
    public void create(String name, String template) {
      session.create(name, template);
    }

    @Override
    public void comment(String name, String comment) {
      session.comment(name, comment);
    }

    @Override
    public void connectionLimit(String name, int limit) {
      session.connectionLimit(name, limit);
    }

    @Override
    public void setTemplate(String name, boolean isTemplate) {
      session.setTemplate(name, isTemplate);
    }

    @Override
    public void rename(String from, String to) {
      session.rename(from, to);
    }

    @Override
    public int terminate(String name) {
      return session.terminate(name);
    }

    @Override
    public List<String> otherClients() {
      return session.otherClients();
    }

    @Override
    public void drop(String name) {
      session.drop(name);
    }

    @Override
    public long size(String name) {
      return session.size(name);
    }

    @Override
    public int tableCount() {
      return session.tableCount();
    }

    @Override
    public Optional<Migration> lastMigration() {
      return session.lastMigration();
    }
  }
}
