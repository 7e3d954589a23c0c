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
 * until {@link #restore()} listens on the same port again. It can also hold back one statement
 * ({@link #hold}), to stop a client right before it, as a slow network would.
 */
public final class PgProxy implements AutoCloseable {

  private final Pg target;
  private final int port;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile int cutAt = Integer.MAX_VALUE;
  private final List<Hold> holds = new CopyOnWriteArrayList<>();

  /** A statement held back: {@link #reached} once a client sent it, passed on at {@link #release}. */
  public static final class Hold {
    private final byte[] text;
    private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private Hold(String text) {
      this.text = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether a client has sent it (and waits for it). */
    public boolean reached() {
      return reached.getCount() == 0;
    }

    /** Lets it through to the server. */
    public void release() {
      released.countDown();
    }
  }

  /**
   * Holds back the next message a client sends whose bytes contain {@code text} (the SQL of a
   * statement) until {@link Hold#release}; only the first such message, later ones pass.
   */
  public Hold hold(String text) {
    Hold h = new Hold(text);
    holds.add(h);
    return h;
  }

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
          pump(client, server, true);
          pump(server, client, false);
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

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (fromClient) {
            awaitHolds(buf, n);
          }
          out.write(buf, 0, n);
          out.flush();
        }
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

  /** Waits, before passing on these bytes, while a hold they match is not released. */
  private void awaitHolds(byte[] buf, int n) {
    for (Hold h : holds) {
      if (contains(buf, n, h.text) && holds.remove(h)) {
        h.reached.countDown();
        try {
          h.released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static boolean contains(byte[] buf, int n, byte[] text) {
    outer:
    for (int i = 0; i + text.length <= n; i++) {
      for (int j = 0; j < text.length; j++) {
        if (buf[i + j] != text[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    holds.forEach(Hold::release);
    cutAt = 0;
    vanish();
  }
}
