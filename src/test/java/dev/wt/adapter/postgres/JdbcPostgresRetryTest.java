package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.PgServer;
import dev.wt.port.Postgres;
import dev.wt.testing.Pg;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A server too busy to answer the first attempts is retried, not declared down. */
class JdbcPostgresRetryTest {

  @Test
  void a_server_that_drops_the_first_connections_is_retried_until_it_answers() throws Exception {
    Assumptions.assumeTrue(Pg.local().answers(), "no PostgreSQL on 127.0.0.1:5432");
    AtomicInteger attempts = new AtomicInteger();
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread proxy = new Thread(() -> serve(busy, attempts));
      proxy.setDaemon(true);
      proxy.start();
      PgServer server = new PgServer("127.0.0.1", busy.getLocalPort(), "postgres", null, "postgres");
      try (Postgres.Session s = new JdbcPostgres().open(server, "postgres")) {
        assertTrue(s.serverVersion() > 0);
      }
    }
    assertTrue(attempts.get() >= 3, "connected on attempt " + attempts.get());
  }

  @Test
  void only_busy_or_restarting_servers_are_worth_retrying_for_long() {
    long busy = JdbcPostgres.retryBudgetMillis(new SQLException("timed out", "08001", new SocketTimeoutException()));
    long refused = JdbcPostgres.retryBudgetMillis(new SQLException("refused", "08001", new ConnectException()));
    assertTrue(busy > refused && refused > 0, busy + " / " + refused);
    assertEquals(busy, JdbcPostgres.retryBudgetMillis(new SQLException("too many clients", "53300")));
    assertEquals(0, JdbcPostgres.retryBudgetMillis(new SQLException("password authentication failed", "28P01")));
    assertEquals(0, JdbcPostgres.retryBudgetMillis(new SQLException("no such database", "3D000")));
  }

  /** Closes the first two connections at once (like a server out of resources), then relays to 5432. */
  private static void serve(ServerSocket listener, AtomicInteger attempts) {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (attempts.incrementAndGet() <= 2) {
          client.close();
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), 5432);
        relay(client.getInputStream(), upstream.getOutputStream());
        relay(upstream.getInputStream(), client.getOutputStream());
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void relay(InputStream in, OutputStream out) {
    Thread t = new Thread(() -> {
      try (in; out) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed: the relay ends
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
