package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.app.Repo;
import dev.wt.core.PgServer;
import dev.wt.port.Reporter;
import dev.wt.testing.EmbeddedRepo;
import dev.wt.testing.GitRepo;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last {@code wt down} beside a command that has started the embedded cluster and not yet
 * connected: the down leaves the cluster running for it, so it connects; once it has ended, the
 * next last down stops the cluster again.
 */
class LastDownBesideClusterStartTest {

  private EmbeddedRepo made;
  private GitRepo repo;
  private Map<String, String> env;

  @BeforeEach
  void oneWorktreeOnTheEmbeddedCluster() {
    made = EmbeddedRepo.create("wt-start");
    repo = made.repo();
    env = made.env();
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
  }

  @AfterEach
  void removeTheCluster() {
    made.close();
  }

  /** Another wt command, wired as the CLI wires it, in this JVM. */
  private Wiring command() {
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(TestHome.env());
    all.putAll(env);
    StringWriter sink = new StringWriter();
    return new Wiring(new CliEnv(repo.root(), all, new PrintWriter(sink), new PrintWriter(sink), false));
  }

  @Test
  void wt_db_server_stop_refuses_while_another_command_uses_the_cluster() {
    try (Wiring other = command()) {
      Repo at = Repo.open(other.services(), repo.root());
      PgServer server = other.databaseServers().startEmbedded(at, Reporter.SILENT);

      WtRun stop = WtRun.in(repo.root(), env, "db", "server", "stop").expect(1);

      assertTrue(stop.err().contains("another wt command is using the embedded PostgreSQL"), stop.err());
      other.databaseServers().postgres().open(server, server.adminDatabase()).close(); // still running
    }
    WtRun.in(repo.root(), env, "db", "server", "stop").ok(); // that command has ended
  }

  @Test
  void a_command_that_started_the_cluster_connects_after_the_last_down_ran_before_it_did() {
    try (Wiring other = command()) {
      Repo at = Repo.open(other.services(), repo.root());
      PgServer server = other.databaseServers().startEmbedded(at, Reporter.SILENT);

      WtRun down = WtRun.in(repo.root(), env, "down", "feat/one").ok();

      other.databaseServers().postgres().open(server, server.adminDatabase()).close(); // not stopped under it
      assertTrue(down.err().contains("embedded PostgreSQL left running: another wt command started it"), down.err());
    }
    // that command has ended: the next last down stops the cluster
    WtRun.in(repo.root(), env, "up", "feat/two").ok();
    WtRun down = WtRun.in(repo.root(), env, "down", "feat/two").ok();
    assertTrue(down.err().contains("stopped the embedded PostgreSQL"), down.err());
  }
}
