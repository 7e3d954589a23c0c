package dev.wt.app.resource;

import dev.wt.adapter.docker.DockerCli;
import dev.wt.adapter.postgres.EmbeddedCluster;
import dev.wt.adapter.postgres.JdbcPostgres;
import dev.wt.adapter.process.LocalPortProbe;
import dev.wt.app.Repo;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeIdentity;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Reporter;
import dev.wt.testing.GitRepo;
import dev.wt.testing.RealServices;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An up's preflight that found the embedded cluster running, and whose connection the last {@code
 * wt down} beat by stopping it: nothing on a stopped cluster can collide, so the up goes on (and
 * starts the cluster again) instead of failing with exit 3.
 */
class PreflightBesideLastDownTest {

  private Path tmp;
  private GitRepo repo;
  private Map<String, String> env;

  @BeforeEach
  void aRunningCluster() throws IOException {
    // world-traversable: as root, wt runs the server as user postgres, which must reach its data folder
    tmp = Files.createTempDirectory("wt-preflight");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = GitRepo.create(tmp, "shop");
    env = new HashMap<>(TestHome.env());
    env.putAll(Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", tmp.resolve("pg").toString()));
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
  }

  @AfterEach
  void stopTheCluster() throws IOException {
    WtRun.in(repo.root(), env, "db", "server", "stop");
    try (var walk = Files.walk(tmp)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void a_preflight_whose_cluster_stopped_after_it_was_found_running_goes_on() {
    EmbeddedPostgres real = new EmbeddedCluster(env);
    // the last down's stop lands right after the preflight found the cluster running
    EmbeddedPostgres stoppedRightAfterTheCheck = new EmbeddedPostgres() {
      @Override
      public Optional<PgServer> check(Settings s) {
        Optional<PgServer> running = real.check(s);
        real.stop(s, Reporter.SILENT);
        return running;
      }

      @Override
      public PgServer start(Settings s, Reporter reporter) {
        return real.start(s, reporter);
      }

      @Override
      public boolean stop(Settings s, Reporter reporter) {
        return real.stop(s, reporter);
      }

      @Override
      public Status status(Settings s) {
        return real.status(s);
      }

      @Override
      public boolean remove(Settings s, Reporter reporter) {
        return real.remove(s, reporter);
      }
    };
    DatabaseServers servers = new DatabaseServers(new JdbcPostgres(), stoppedRightAfterTheCheck, new DockerCli(env),
        new LocalPortProbe(), env);
    Repo at = Repo.open(RealServices.of(), repo.root());

    new DatabasePreflight(servers).preflight(at, WorktreeIdentity.derive("feat/two"), Reporter.SILENT);
  }
}
