package dev.wt.adapter.process;

import dev.wt.port.PortProbe;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Probes ports by binding them, as a dev server would, and names a holder through
 * {@code /proc/net/tcp{,6}} on Linux or {@code lsof} elsewhere.
 */
public final class LocalPortProbe implements PortProbe {

  private static final Duration LSOF_TIMEOUT = Duration.ofSeconds(5);
  private static final String LISTEN = "0A";

  @Override
  public boolean isFree(int port) {
    // a server may bind the wildcard or loopback, on IPv4 or IPv6: each must be free
    for (String host : new String[] {null, "0.0.0.0", "127.0.0.1", "::1"}) {
      if (!bindable(host, port)) {
        return false;
      }
    }
    return true;
  }

  /** A port the system picks from its ephemeral range that is free by {@link #isFree}'s rule. */
  public int anyFree() throws IOException {
    for (int attempt = 0; ; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      if (isFree(port) || attempt >= 20) {
        return port;
      }
    }
  }

  private static boolean bindable(String host, int port) {
    InetSocketAddress address;
    try {
      address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      return true;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true); // what servers do: a port with only TIME_WAIT connections is free
      s.bind(address);
      return true;
    } catch (BindException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      // no IPv6 (or no such address) on this machine is not a busy port
      return m.contains("cannot assign") || m.contains("not available") || m.contains("protocol");
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public Optional<String> holder(int port) {
    if (Files.isReadable(Path.of("/proc/net/tcp"))) {
      Optional<String> found = fromProc(port);
      if (found.isPresent()) {
        return found;
      }
    }
    return fromLsof(port);
  }

  private static Optional<String> fromProc(int port) {
    List<String> inodes = new ArrayList<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException e) {
        // IPv6 may be off; the other table still answers
      }
    }
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> LinuxProcesses.isPid(p))) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                long pid = Long.parseLong(proc.getFileName().toString());
                return Optional.of(describe(pid, LinuxProcesses.commandLine(proc)));
              }
            } catch (IOException e) {
              // the fd closed while we looked
            }
          }
        } catch (IOException e) {
          // another user's process, or gone
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of("a process wt cannot see (another user's)");
  }

  private static Optional<String> fromLsof(int port) {
    try {
      Exec.Result r = Exec.run(List.of(Tools.find("lsof"), "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-Fpc"), null,
          Map.of(), LSOF_TIMEOUT);
      long pid = -1;
      String command = null;
      for (String line : r.stdout().lines().toList()) {
        if (line.startsWith("p") && pid < 0) {
          pid = Long.parseLong(line.substring(1));
        } else if (line.startsWith("c") && command == null) {
          command = line.substring(1);
        }
      }
      return pid < 0 ? Optional.empty() : Optional.of(describe(pid, command));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String describe(long pid, String command) {
    return "pid " + pid + (command == null || command.isBlank() ? "" : " (" + command + ")");
  }
}
