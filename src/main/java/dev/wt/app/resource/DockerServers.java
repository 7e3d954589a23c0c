package dev.wt.app.resource;

import dev.wt.core.ServerMode;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.PostgresConfig;
import dev.wt.port.Containers;
import dev.wt.port.PortProbe;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.wt.app.Repo;
import dev.wt.app.trust.TrustGate;
import dev.wt.core.RepoCommands;

/** The two Docker modes: the project's compose service (shared), or one container per worktree. */
public final class DockerServers {

  private static final int PG_PORT = 5432;
  private static final long READY_TIMEOUT_MS = 90_000;

  private final Containers containers;
  private final PortProbe ports;
  private final Postgres postgres;
  private final TrustGate trust;

  DockerServers(Containers containers, Postgres postgres, PortProbe ports, TrustGate trust) {
    this.containers = containers;
    this.ports = ports;
    this.postgres = postgres;
    this.trust = trust;
  }

  void requireEngine() {
    if (!containers.available()) {
      throw WtException.environment("no Docker engine answers (docker info failed)",
          "start Docker, or use [postgres] mode = \"embedded\" (no Docker needed)");
    }
  }

  /**
   * {@code docker compose up -d <service>} in the main worktree, then wait until it accepts
   * connections. The file is the repository's: docker reads none of it until it is approved.
   */
  PgServer compose(Repo repo, PostgresConfig c, WorktreeRecord record, Reporter reporter) {
    var dir = repo.main();
    // the hint names the worktree being set up: wt setup refuses the main worktree
    trust.requireLocalCompose(repo, dir, c.composeFile(), RepoCommands.postgresServerKey(ServerMode.COMPOSE));
    trust.require(repo, RepoCommands.postgresServerKey(ServerMode.COMPOSE), "wt setup",
        record != null ? java.nio.file.Path.of(record.path()) : repo.location().worktreeRoot(), reporter);
    requireEngine();
    Optional<PgServer> running = composeServer(repo, c);
    if (running.isPresent() && postgres.answers(running.get())) {
      return running.get();
    }
    reporter.progress("starting the compose service " + c.composeService() + " (" + c.composeFile() + ")");
    containers.composeUp(dir, c.composeFile(), c.composeService());
    PgServer server = composeServer(repo, c).orElseThrow(() -> WtException.environment(
        "the compose service " + c.composeService() + " did not start", "docker-compose logs " + c.composeService()));
    awaitReady(server, "the compose service " + c.composeService());
    reporter.done("compose service " + c.composeService() + " accepts connections on " + server.host() + ":" + server.port());
    return server;
  }

  private Optional<PgServer> composeServer(Repo repo, PostgresConfig c) {
    int port;
    try {
      port = containers.composePort(repo.main(), c.composeFile(), c.composeService(), PG_PORT);
    } catch (WtException e) {
      return Optional.empty();
    }
    Map<String, String> cenv = containers.composeEnv(repo.main(), c.composeFile(), c.composeService());
    String user = cenv.getOrDefault("POSTGRES_USER", c.user());
    String password = c.password() != null ? c.password() : cenv.get("POSTGRES_PASSWORD");
    return Optional.of(new PgServer("127.0.0.1", port, user, password, "postgres"));
  }

  /**
   * The worktree's own container: found, restarted, or created on base port + the lowest free
   * offset, once its image (the repository's to choose) is approved.
   */
  PgServer container(Repo repo, PostgresConfig c, WorktreeRecord record, String repoKey, Reporter reporter) {
    trust.require(repo, RepoCommands.postgresServerKey(ServerMode.CONTAINER), "wt setup", java.nio.file.Path.of(record.path()),
        reporter);
    requireEngine();
    String name = containerName(repoKey, record.slug());
    String password = c.password() != null ? c.password() : "postgres";
    if (containers.exists(name)) {
      Optional<Integer> port = containers.port(name, PG_PORT);
      if (port.isEmpty()) {
        containers.start(name);
        port = containers.port(name, PG_PORT);
      }
      PgServer server = new PgServer("127.0.0.1", port.orElseThrow(() -> WtException.environment(
          "container " + name + " publishes no port", "docker rm -f " + name + " and run wt setup again")),
          c.user(), password, "postgres");
      awaitReady(server, "container " + name);
      return server;
    }
    int port = freePort(repo, record, c.basePort());
    String image = c.image(); // WT_PG_IMAGE applied, as the approval shows it
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("dev.wt.project", repo.project());
    labels.put("dev.wt.slug", record.slug());
    reporter.progress("starting container " + name + " (" + image + ") on 127.0.0.1:" + port);
    containers.run(name, image, port, PG_PORT, Map.of("POSTGRES_USER", c.user(), "POSTGRES_PASSWORD", password,
        "POSTGRES_DB", "postgres"), labels, List.of("-c", "max_connections=200"));
    PgServer server = new PgServer("127.0.0.1", port, c.user(), password, "postgres");
    awaitReady(server, "container " + name);
    reporter.done("container " + name + " accepts connections on 127.0.0.1:" + port);
    return server;
  }

  /** Removes the worktree's container; its databases go with it. */
  boolean removeContainer(String repoKey, WorktreeRecord record, Reporter reporter) {
    String name = containerName(repoKey, record.slug());
    if (!containers.available()) {
      throw WtException.environment("no Docker engine answers; cannot remove container " + name,
          "start Docker and run wt teardown again");
    }
    boolean removed = containers.remove(name);
    if (removed) {
      reporter.done("container " + name + ": removed with its databases");
    } else {
      reporter.unchanged("container " + name + ": already gone");
    }
    return removed;
  }

  public static String containerName(String repoKey, String slug) {
    return "wt-" + repoKey + "-" + slug;
  }

  /** Base port + the lowest offset no other worktree holds and nothing listens on. */
  private int freePort(Repo repo, WorktreeRecord record, int base) {
    Set<Integer> taken = new HashSet<>();
    for (WorktreeRecord r : repo.state().all()) {
      if (!r.slug().equals(record.slug())) {
        r.databases().stream().filter(d -> d.mode() == ServerMode.CONTAINER).map(OwnedDatabase::port).forEach(taken::add);
      }
    }
    for (int port = base; port < Math.min(65535, base + 1000); port++) {
      if (!taken.contains(port) && ports.isFree(port)) {
        return port;
      }
    }
    throw WtException.environment("no free port from " + base, "set [postgres] base_port");
  }

  /** Polls until the server accepts connections (the image's init restarts it once, so probe twice in a row). */
  private void awaitReady(PgServer server, String what) {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    int ok = 0;
    while (System.currentTimeMillis() < deadline) {
      ok = postgres.answers(server) ? ok + 1 : 0;
      if (ok >= 2) {
        return;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WtException.environment("interrupted while waiting for " + what, "run wt setup again");
      }
    }
    throw WtException.environment(what + " did not accept connections within " + READY_TIMEOUT_MS / 1000 + " s",
        "docker logs shows why");
  }
}
