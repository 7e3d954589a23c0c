package dev.wt.app.resource;

import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.PortsConfig;
import dev.wt.port.PortClaims;
import dev.wt.port.PortProbe;
import dev.wt.port.Reporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.wt.app.Repo;

/**
 * Gives each worktree a block of ports: the block its slug hashes to inside the configured range
 * (so a worktree tends to get the same ports on every machine), else the lowest free one. Every
 * port is free in the state and probed free on the machine; Conductor's {@code CONDUCTOR_PORT}
 * wins when set. The block is frozen in the record and released with it.
 */
public final class PortProvisioner implements ResourceProvisioner {

  private static final int REPORTED_BUSY = 5;

  private final PortProbe probe;
  private final Map<String, String> env;
  private final PortClaims claims;
  /** Slugs whose block {@link #reserve} took in this command: setup tells it as new, {@link #dropEarly} gives it back. */
  private final Set<String> reserved = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public PortProvisioner(PortProbe probe, Map<String, String> env) {
    this(probe, env, null);
  }

  /** @param claims ports held across every repository of this user; null: this repository only */
  public PortProvisioner(PortProbe probe, Map<String, String> env, PortClaims claims) {
    this.probe = probe;
    this.env = Map.copyOf(env);
    this.claims = claims;
  }

  @Override
  public String name() {
    return "ports";
  }

  @Override
  public boolean needsLock() {
    return true;
  }

  @Override
  public WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (record.shared()) {
      // the task's primary worktree holds (and claims) them; they are only copied here
      reporter.unchanged("ports " + (record.ports().isEmpty() ? "none" : describe(record.ports()))
          + " (the task's, held by " + record.sharedFrom() + ")");
      return record;
    }
    PortsConfig config = repo.config().ports();
    Integer conductor = conductorPort();
    if (!record.ports().isEmpty() && reserved.remove(record.slug())) {
      if (fits(record.ports(), config)) {
        reporter.done("ports " + describe(record.ports()));
        return record;
      }
      // the new worktree's own wt.toml asks for other ports than the one wt up read: those go back
      record = giveBack(repo, record);
    }
    if (!record.ports().isEmpty()) {
      if (conductor != null && record.ports().get(0) != conductor.intValue()) {
        reporter.warn("CONDUCTOR_PORT is " + conductor + " but this worktree's ports are frozen at "
            + describe(record.ports())
            + " (wt teardown, then wt setup, to take Conductor's)");
      } else if (conductor == null && record.ports().size() != config.count()) {
        reporter.warn("ports.count is " + config.count() + " but this worktree holds " + record.ports().size()
            + " port(s) " + describe(record.ports()) + " (wt teardown, then wt setup, to reallocate)");
      }
      claimOrWarn(repo, record, record.ports(), reporter); // records from before claims existed get theirs
      reporter.unchanged("ports " + describe(record.ports()));
      return record;
    }
    List<Integer> block = conductor != null
        ? ConductorPorts.block(conductor, config, probe, reporter)
        : allocate(repo, record.slug(), config, reporter, true);
    if (conductor != null) {
      claimOrWarn(repo, record, block, reporter);
    }
    if (block.isEmpty()) {
      return record;
    }
    WorktreeRecord updated = record.withPorts(block);
    // saved here, under the lock, so that the next allocation sees these ports as taken
    repo.state().save(updated);
    reporter.done("ports " + describe(block) + (conductor != null ? " (from CONDUCTOR_PORT)" : ""));
    return updated;
  }

  /**
   * Under the state lock, as {@code wt up} records the worktree: the block is chosen and claimed
   * there, so two racing ups never both count on the last one. Conductor's ports are not chosen.
   */
  @Override
  public WorktreeRecord reserve(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (record.shared() || !record.ports().isEmpty() || conductorPort() != null) {
      return record;
    }
    List<Integer> block = allocate(repo, record.slug(), repo.config().ports(), reporter, true);
    if (block.isEmpty()) {
      return record;
    }
    reserved.add(record.slug());
    return record.withPorts(block);
  }

  /** The block {@link #reserve} took in this command, given back: the worktree was not made after all. */
  @Override
  public WorktreeRecord dropEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (!reserved.remove(record.slug()) || record.ports().isEmpty()) {
      return record;
    }
    return repo.state().locked(() -> {
      WorktreeRecord without = giveBack(repo, record);
      repo.state().save(without);
      return without;
    });
  }

  private WorktreeRecord giveBack(Repo repo, WorktreeRecord record) {
    if (claims != null) {
      claims.release(owner(repo, record), record.ports());
    }
    return record.withPorts(List.of());
  }

  /** Whether {@code ports} is a block {@code config} could have given. */
  private static boolean fits(List<Integer> ports, PortsConfig config) {
    return ports.size() == config.count() && ports.get(0) >= config.first()
        && ports.get(ports.size() - 1) <= config.last();
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (record.ports().isEmpty()) {
      return record;
    }
    if (record.shared()) {
      return record.withPorts(List.of()); // the primary worktree releases them, once
    }
    reporter.done("released ports " + describe(record.ports()));
    return giveBack(repo, record);
  }

  @Override
  public Set<String> variableNames(Repo repo) {
    int count = env.get("CONDUCTOR_PORT") != null ? ConductorPorts.COUNT : repo.config().ports().count();
    Set<String> names = new HashSet<>();
    if (count > 0) {
      names.add("WT_PORT");
      names.add("PORT");
    }
    for (int i = 1; i < count; i++) {
      names.add("WT_PORT_" + i);
    }
    return names;
  }

  private Integer conductorPort() {
    return ConductorPorts.first(env);
  }

  @Override
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    boolean frozen = repo.state().bySlug(identity.slug()).map(r -> !r.ports().isEmpty()).orElse(false);
    if (!frozen && conductorPort() == null) {
      allocate(repo, identity.slug(), repo.config().ports(), reporter, false); // refuses an exhausted range
    }
  }

  /** A free block for {@code slug}; with {@code claim} false only looks (claims nothing, says nothing). */
  private List<Integer> allocate(Repo repo, String slug, PortsConfig config, Reporter reporter, boolean claim) {
    int count = config.count();
    if (count == 0) {
      return List.of();
    }
    Set<Integer> taken = new HashSet<>();
    for (WorktreeRecord other : repo.state().all()) {
      if (!other.slug().equals(slug)) {
        taken.addAll(other.ports());
      }
    }
    String owner = owner(repo, slug);
    if (claims != null) {
      taken.addAll(claims.heldByOthers(owner)); // other repositories' worktrees
    }
    Set<Integer> busy = new HashSet<>();
    List<String> reported = new ArrayList<>();
    int blocks = (config.last() - config.first() + 1) / count;
    int preferred = config.first() + (int) (Math.floorMod(hash(slug), (long) blocks) * count);
    List<Integer> starts = new ArrayList<>();
    starts.add(preferred);
    for (int start = config.first(); start + count - 1 <= config.last(); start += count) {
      if (start != preferred) {
        starts.add(start);
      }
    }
    for (int start : starts) {
      if (free(start, count, taken, busy, reported)) {
        List<Integer> block = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          block.add(start + i);
        }
        if (!claim) {
          return block;
        }
        if (claims != null && !claims.claim(owner, block)) {
          taken.addAll(block); // another repository's up took it a moment ago
          continue;
        }
        if (!reported.isEmpty()) {
          reporter.warn("skipped busy port(s): " + String.join("; ", reported));
        }
        return block;
      }
    }
    throw WtException.refused("no free block of " + count + " port(s) in ports.range [" + config.first() + ", "
        + config.last() + "]" + (reported.isEmpty() ? "" : "; busy: " + String.join("; ", reported)),
        "widen [ports] range in wt.toml, stop what holds them, or wt down worktrees you no longer use");
  }

  private boolean free(int start, int count, Set<Integer> taken, Set<Integer> busy, List<String> reported) {
    for (int port = start; port < start + count; port++) {
      if (taken.contains(port) || busy.contains(port)) {
        return false;
      }
    }
    for (int port = start; port < start + count; port++) {
      if (!probe.isFree(port)) {
        busy.add(port);
        if (reported.size() < REPORTED_BUSY) {
          reported.add("port " + port + " is in use by " + probe.holder(port).orElse("another process"));
        }
        return false;
      }
    }
    return true;
  }

  private void claimOrWarn(Repo repo, WorktreeRecord record, List<Integer> ports, Reporter reporter) {
    if (claims != null && !claims.claim(owner(repo, record), ports)) {
      reporter.warn("port(s) " + describe(ports) + " are also claimed by a worktree of another repository");
    }
  }

  private static String owner(Repo repo, WorktreeRecord record) {
    return owner(repo, record.slug());
  }

  private static String owner(Repo repo, String slug) {
    return repo.location().commonDir() + "#" + slug;
  }

  /** A hash of the slug that is the same on every machine and JVM. */
  static long hash(String slug) {
    byte[] d = dev.wt.core.Sha.sha256().update(slug.getBytes(StandardCharsets.UTF_8)).digest();
    return ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
  }

  static String describe(List<Integer> ports) {
    if (ports.size() == 1) {
      return Integer.toString(ports.get(0));
    }
    return ports.get(0) + "-" + ports.get(ports.size() - 1);
  }
}
