package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProxy;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database server vanishes in the middle of {@code wt up} and {@code wt down}: at every
 * connection either makes, in turn (a relay in front of the machine's PostgreSQL resets every
 * connection and stops listening, as a stopped server does). Each time wt exits 3, its state still
 * accounts for everything on the server, and once the server is back a re-run finishes the job.
 */
class ServerGoneIT {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private PgProxy proxy;
  private Map<String, String> env;

  @BeforeEach
  void repositoryBehindARelay() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Random random = new Random();
    project = "wtgone" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    proxy = new PgProxy(PG);
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", proxy.server().adminUrl(),
        "XDG_STATE_HOME", tmp.resolve("state").toString());
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (proxy != null) {
      proxy.close();
    }
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void a_server_gone_at_any_connection_of_up_or_down_gives_exit_3_and_a_rerun_finishes() {
    int upConnections = counted("up", "feat/measure");
    int downConnections = counted("down", "feat/measure");
    assertTrue(upConnections > 0 && downConnections > 0, upConnections + " / " + downConnections);
    int cuts = 0;

    for (int k = 1; k <= upConnections; k++) {
      String branch = "feat/up" + k;
      String where = "server gone at connection " + k + " of " + upConnections + " of wt up";
      proxy.cutAt(k);
      WtRun cut = WtRun.in(repo.root(), env, "up", branch);
      if (proxy.cut()) {
        cuts++;
        assertEquals(3, cut.exitCode(), where + "\n" + cut.err());
        assertTrue(cut.err().contains("does not answer") || cut.err().contains("PostgreSQL at"), where + "\n" + cut.err());
        assertStateAccountsForTheServer(branch, where);
        proxy.restore();
        WtRun.in(repo.root(), env, "up", branch).ok();
      } else {
        cut.ok(); // this run needed fewer connections than the first
        proxy.restore();
      }
      assertMade(branch, where);
    }

    for (int k = 1; k <= downConnections; k++) {
      String branch = "feat/down" + k;
      String where = "server gone at connection " + k + " of " + downConnections + " of wt down";
      WtRun.in(repo.root(), env, "up", branch).ok();
      proxy.cutAt(k);
      WtRun cut = WtRun.in(repo.root(), env, "down", branch);
      if (proxy.cut()) {
        cuts++;
        assertEquals(3, cut.exitCode(), where + "\n" + cut.err());
        assertStateAccountsForTheServer(branch, where);
        proxy.restore();
        WtRun.in(repo.root(), env, "down", branch).ok();
      } else {
        cut.ok();
        proxy.restore();
      }
      assertGone(branch, where);
    }
    System.out.println("ServerGoneIT: wt up makes " + upConnections + " connections, wt down " + downConnections
        + "; the server vanished at " + cuts + " of them, each time exit 3 and a re-run finished");
    assertTrue(cuts >= upConnections, "every connection of up was cut once");
    // the up-branches, finished above, go too
    for (int k = 1; k <= upConnections; k++) {
      WtRun.in(repo.root(), env, "down", "feat/up" + k).ok();
    }
    assertEquals(0, dev.wt.testing.Checks.json(WtRun.in(repo.root(), env, "gc", "--json").ok()).get("items").size());
  }

  /** How many connections a successful {@code wt args} makes to the server. */
  private int counted(String... args) {
    int before = proxy.connections();
    WtRun.in(repo.root(), env, args).ok();
    return proxy.connections() - before;
  }

  /** Whatever the cut command left on the server is still in a record, so a re-run (or gc) finds it. */
  private void assertStateAccountsForTheServer(String branch, String where) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    String db = DatabaseNames.of(project, id);
    Optional<WorktreeRecord> record = store().bySlug(id.slug()); // throws on a torn file
    store().all();
    if (PG.databases().contains(db)) {
      assertTrue(record.isPresent() && record.get().databases().stream().anyMatch(d -> d.database().equals(db)),
          where + ": database " + db + " is on the server but in no record");
    }
  }

  private void assertMade(String branch, String where) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    Optional<WorktreeRecord> r = store().bySlug(id.slug());
    assertTrue(r.isPresent() && !r.get().setupPending(), where + ": not set up");
    assertTrue(Files.isRegularFile(Path.of(r.get().path()).resolve(".env.development.local")), where + ": no env file");
    assertTrue(PG.databases().contains(DatabaseNames.of(project, id)), where + ": no database");
  }

  private void assertGone(String branch, String where) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    assertTrue(store().bySlug(id.slug()).isEmpty(), where + ": record left");
    assertFalse(PG.databases().contains(DatabaseNames.of(project, id)), where + ": database left");
    assertFalse(Files.exists(tmp.resolve("app-" + branch.substring("feat/".length()))), where + ": folder left");
  }

  private JsonStateStore store() {
    return new JsonStateStore(repo.root().resolve(".git"));
  }
}
