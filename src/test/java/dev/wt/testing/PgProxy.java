package dev.wt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a PostgreSQL server, on a port of its own, that a test can make vanish
 * like a stopped server: at the n-th connection it resets every connection and stops listening,
 * until {@link #restore()} listens on the same port again.
 */
public final class PgProxy implements AutoCloseable {

  private final Pg target;
  private final int port;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile int cutAt = Integer.MAX_VALUE;

  public PgProxy(Pg target) {
    this.target = target;
    try {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.port = s.getLocalPort();
      listen(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server as wt sees it through the relay. */
  public Pg server() {
    return new Pg("127.0.0.1", port);
  }

  /** How many connections were made through the relay so far (the cut one included). */
  public int connections() {
    return connections.get();
  }

  /** Makes the server vanish when connection number {@code n} (counting from the next one, 1-based) arrives. */
  public void cutAt(int n) {
    cutAt = connections.get() + n;
  }

  /** Whether the server has vanished. */
  public boolean cut() {
    return listener == null || listener.isClosed();
  }

  /** Listens on the same port again (when cut), passing every connection through. */
  public void restore() {
    cutAt = Integer.MAX_VALUE;
    if (!cut()) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      listen(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void listen(ServerSocket s) {
    listener = s;
    Thread accept = new Thread(() -> {
      while (!s.isClosed()) {
        try {
          Socket client = s.accept();
          if (connections.incrementAndGet() >= cutAt) {
            client.close();
            vanish();
            return;
          }
          Socket server = new Socket(target.host(), target.port());
          open.add(client);
          open.add(server);
          pump(client, server);
          pump(server, client);
        } catch (IOException e) {
          // closed by vanish() or close()
        }
      }
    }, "pg-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  private void vanish() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing is all that matters
    }
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0); // a reset, as when the server's process is gone
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
    open.clear();
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side went: the other goes too
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // already closed
        }
        open.remove(from);
        open.remove(to);
      }
    }, "pg-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    cutAt = 0;
    vanish();
  }
}
