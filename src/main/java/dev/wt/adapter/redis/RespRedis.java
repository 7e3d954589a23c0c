package dev.wt.adapter.redis;

import dev.wt.core.RedisUrl;
import dev.wt.core.WtException;
import dev.wt.port.Redis;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Redis} over a socket speaking RESP, the protocol's few commands wt needs (AUTH, SELECT,
 * DBSIZE, FLUSHDB, CONFIG GET): no client library for five commands.
 */
public final class RespRedis implements Redis {

  private static final int CONNECT_TIMEOUT_MS = 3_000;
  private static final int READ_TIMEOUT_MS = 30_000;
  private static final int DEFAULT_DATABASES = 16;

  @Override
  public Session open(RedisUrl url) {
    Socket socket = null;
    try {
      socket = url.tls() ? javax.net.ssl.SSLSocketFactory.getDefault().createSocket() : new Socket();
      socket.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      Connection c = new Connection(socket, url);
      if (url.password() != null) {
        c.call(url.user() == null ? List.of("AUTH", url.password()) : List.of("AUTH", url.user(), url.password()));
      }
      return c;
    } catch (IOException e) {
      closeQuietly(socket);
      throw WtException.environment("Redis at " + url.server() + " is unreachable: " + e.getMessage(),
          "start it, or fix [redis] url in wt.toml");
    } catch (WtException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a connection that failed: nothing left to do
      }
    }
  }

  /** One connection, one request at a time. */
  private static final class Connection implements Session {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RedisUrl url;

    Connection(Socket socket, RedisUrl url) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
      this.url = url;
    }

    @Override
    public int databases() {
      Object reply = callLenient(List.of("CONFIG", "GET", "databases"));
      // managed servers often rename or forbid CONFIG: the default count is the usual answer
      if (reply instanceof List<?> l && l.size() == 2 && l.get(1) instanceof String n) {
        try {
          return Integer.parseInt(n);
        } catch (NumberFormatException e) {
          return DEFAULT_DATABASES;
        }
      }
      return DEFAULT_DATABASES;
    }

    @Override
    public long size(int db) {
      select(db);
      Object r = call(List.of("DBSIZE"));
      return r instanceof Long n ? n : -1;
    }

    @Override
    public void flush(int db) {
      select(db);
      call(List.of("FLUSHDB"));
    }

    private void select(int db) {
      call(List.of("SELECT", Integer.toString(db)));
    }

    /** Sends a command and reads its reply; an error reply is thrown. */
    Object call(List<String> args) {
      Object r = callLenient(args);
      if (r instanceof Failure f) {
        String verb = args.get(0);
        throw WtException.environment("Redis at " + url.server() + " refused " + verb + ": " + f.message(),
            verb.equals("AUTH") ? "check the user and password in [redis] url"
                : "check that [redis] url names a server wt may use, with that database");
      }
      return r;
    }

    private Object callLenient(List<String> args) {
      try {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : args) {
          byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
          b.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
          b.write(bytes);
          b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(b.toByteArray());
        out.flush();
        return read();
      } catch (IOException e) {
        throw WtException.environment("Redis at " + url.server() + " stopped answering: " + e.getMessage(),
            "check the server, then run the command again");
      }
    }

    /** One RESP2 reply: simple string, error ({@link Failure}), integer, bulk string (null when nil), array. */
    private Object read() throws IOException {
      int type = in.read();
      String line = line();
      switch (type) {
        case '+':
          return line;
        case '-':
          return new Failure(line);
        case ':':
          return Long.parseLong(line);
        case '$': {
          int len = Integer.parseInt(line);
          if (len < 0) {
            return null;
          }
          byte[] data = in.readNBytes(len + 2);
          return new String(data, 0, len, StandardCharsets.UTF_8);
        }
        case '*': {
          int n = Integer.parseInt(line);
          List<Object> items = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            items.add(read());
          }
          return items;
        }
        default:
          throw new IOException(type < 0 ? "connection closed" : "not a Redis reply");
      }
    }

    private String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c != '\r'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        b.write(c);
      }
      in.read(); // '\n'
      return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      closeQuietly(socket);
    }
  }

  /** An error reply. */
  private record Failure(String message) {}

  /**
   * The name of a server's claim folder: one per server, however the URL names it. Two repositories
   * that write {@code localhost} and {@code 127.0.0.1} reach the same server and must see each
   * other's claims, or one would flush a database the other was given; every loopback name is one
   * server, other hosts go by their address.
   */
  public static String claimKey(String server) {
    int colon = server.lastIndexOf(':');
    String host = server.substring(0, colon).replace("[", "").replace("]", "");
    String port = server.substring(colon + 1);
    String address;
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(host);
      address = a.isLoopbackAddress() ? "loopback" : a.getHostAddress();
    } catch (java.net.UnknownHostException e) {
      address = host; // unresolvable now: the name is the best key there is
    }
    return (address + "_" + port).replace(':', '_').replace('%', '_');
  }
}
