package dev.wt.testing.fake;

import dev.wt.port.PortClaims;
import dev.wt.port.PortProbe;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The machine's ports in memory: which are taken by someone else ({@link #busy}), and the claims
 * of this user's repositories, all-or-none like the claims file.
 */
public final class FakePorts implements PortProbe, PortClaims {

  private final Set<Integer> busy = new HashSet<>();
  private final Map<Integer, String> claims = new TreeMap<>();

  /** Someone else's server listens on {@code port}. */
  public synchronized void busy(int port) {
    busy.add(port);
  }

  @Override
  public synchronized boolean isFree(int port) {
    return !busy.contains(port);
  }

  @Override
  public synchronized Optional<String> holder(int port) {
    return busy.contains(port) ? Optional.of("pid 4242 (a fake server)") : Optional.empty();
  }

  @Override
  public synchronized Set<Integer> heldByOthers(String owner) {
    Set<Integer> out = new HashSet<>();
    claims.forEach((port, o) -> {
      if (!o.equals(owner)) {
        out.add(port);
      }
    });
    return out;
  }

  @Override
  public synchronized boolean claim(String owner, List<Integer> ports) {
    if (ports.stream().anyMatch(p -> claims.containsKey(p) && !claims.get(p).equals(owner))) {
      return false;
    }
    ports.forEach(p -> claims.put(p, owner));
    return true;
  }

  @Override
  public synchronized void release(String owner, List<Integer> ports) {
    ports.forEach(p -> claims.remove(p, owner));
  }

  @Override
  public synchronized Map<Integer, String> all() {
    return Map.copyOf(claims);
  }
}
