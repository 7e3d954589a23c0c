package dev.wt.app.resource;

import dev.wt.adapter.docker.DockerCli;
import dev.wt.adapter.postgres.EmbeddedCluster;
import dev.wt.adapter.postgres.JdbcPostgres;
import dev.wt.adapter.process.LocalPortProbe;
import dev.wt.app.Repo;
import dev.wt.core.WorktreeIdentity;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Reporter;
import dev.wt.testing.EmbeddedRepo;
import dev.wt.testing.RealServices;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An up's preflight that found the embedded cluster running, and whose connection the last {@code
 * wt down} beat by stopping it: nothing on a stopped cluster can collide, so the up goes on (and
 * starts the cluster again) instead of failing with exit 3.
 */
class PreflightBesideLastDownTest {

  private EmbeddedRepo made;
  private Map<String, String> env;

  @BeforeEach
  void aRunningCluster() {
    made = EmbeddedRepo.create("wt-preflight");
    env = new HashMap<>(TestHome.env());
    env.putAll(made.env());
    WtRun.in(made.repo().root(), env, "db", "server", "start").ok();
  }

  @AfterEach
  void removeTheCluster() {
    made.close();
  }

  @Test
  void a_preflight_whose_cluster_stopped_after_it_was_found_running_goes_on() {
    EmbeddedPostgres real = new EmbeddedCluster(env);
    // the last down's stop lands right after the preflight found the cluster running
    EmbeddedPostgres stoppedRightAfterTheCheck = (EmbeddedPostgres) Proxy.newProxyInstance(
        EmbeddedPostgres.class.getClassLoader(), new Class<?>[] {EmbeddedPostgres.class}, (p, m, args) -> {
          Object result = m.invoke(real, args);
          if (m.getName().equals("check")) {
            real.stop((EmbeddedPostgres.Settings) args[0], Reporter.SILENT);
          }
          return result;
        });
    DatabaseServers servers = new DatabaseServers(new JdbcPostgres(), stoppedRightAfterTheCheck, new DockerCli(env),
        new LocalPortProbe(), env, null); // the preflight asks for no approval
    Repo at = Repo.open(RealServices.of(), made.repo().root());

    new DatabasePreflight(servers).preflight(at, WorktreeIdentity.derive("feat/two"), Reporter.SILENT);
  }
}
