package dev.wt.port;

import java.util.Optional;

/** Asks the machine whether a TCP port is free, and who holds it when it is not. */
public interface PortProbe {

  /** Whether nothing listens on {@code port} (loopback and wildcard, IPv4 and IPv6). */
  boolean isFree(int port);

  /** The process listening on {@code port}, e.g. {@code pid 4242 (python3 -m http.server 3100)}. */
  Optional<String> holder(int port);
}
