package dev.wt.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL server that only ever asks for a password and refuses it (SQLSTATE 28P01): clients
 * really send the password, and wt's "wrong password" path runs against a real wire protocol.
 */
public final class PasswordRefusingServer implements AutoCloseable {

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket socket;
  private final java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

  public PasswordRefusingServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::serve, "password-refusing-pg");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The passwords clients sent, in order. */
  public java.util.List<String> received() {
    return java.util.List.copyOf(received);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket c = socket.accept()) {
        c.setSoTimeout(10_000);
        refuse(new DataInputStream(c.getInputStream()), new DataOutputStream(c.getOutputStream()));
      } catch (IOException e) {
        // a client that hung up, or the server closing: serve the next one
      }
    }
  }

  private void refuse(DataInputStream in, DataOutputStream out) throws IOException {
    int code;
    do {
      int length = in.readInt();
      code = in.readInt();
      in.skipNBytes(length - 8);
      if (code == SSL_REQUEST || code == GSS_REQUEST) {
        out.writeByte('N');
        out.flush();
      }
    } while (code == SSL_REQUEST || code == GSS_REQUEST);
    out.writeByte('R'); // AuthenticationCleartextPassword
    out.writeInt(8);
    out.writeInt(3);
    out.flush();
    if (in.readByte() == 'p') {
      byte[] password = in.readNBytes(in.readInt() - 4);
      received.add(new String(password, StandardCharsets.UTF_8).replace("\0", ""));
    }
    byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0")
        .getBytes(StandardCharsets.UTF_8);
    out.writeByte('E');
    out.writeInt(4 + fields.length);
    out.write(fields);
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
