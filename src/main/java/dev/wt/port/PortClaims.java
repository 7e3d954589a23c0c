package dev.wt.port;

import java.util.List;
import java.util.Set;

/**
 * Ports claimed by worktrees of every repository of this user, so that two repositories never
 * hand out the same port (each repository's own state only knows its own worktrees).
 */
public interface PortClaims {

  /** Ports held by live claims of owners other than {@code owner}. */
  Set<Integer> heldByOthers(String owner);

  /** Claims every port of {@code ports} for {@code owner}, all or none; false when one is held. */
  boolean claim(String owner, List<Integer> ports);

  /** Drops {@code owner}'s claims on {@code ports}; other owners' claims stay. */
  void release(String owner, List<Integer> ports);

  /** Every claim on this machine, port to owner, live or stale ({@code wt gc} sweeps the dead ones). */
  default java.util.Map<Integer, String> all() {
    return java.util.Map.of();
  }
}
