package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProxy;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last worktree's {@code wt down} drops the template wt built, while a {@code wt up} beside it
 * is about to clone that template: the up still gets its database.
 */
class LastDownBesideUpTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private PgProxy proxy;
  private Map<String, String> env;

  @BeforeEach
  void oneWorktreeThroughARelay() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtl" + HexFormat.of().formatHex(b);
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    proxy = new PgProxy(PG);
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", proxy.server().adminUrl());
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
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
  void an_up_whose_template_the_last_down_drops_right_before_its_clone_builds_it_again_and_clones() throws Exception {
    String template = project + "_template";
    // the down has decided no worktree is left and is about to drop the template
    PgProxy.Hold drop = proxy.hold("\"" + template + "\" IS_TEMPLATE false");
    WtRun.Started down = WtRun.start(repo.root(), env, "down", "feat/one");
    Poll.await("the down reaches the template", Duration.ofMinutes(1), () -> drop.reached() || down.result().isDone());
    // meanwhile an up has seen the template there and sends its clone
    PgProxy.Hold clone = proxy.hold("TEMPLATE \"" + template + "\"");
    WtRun.Started up = WtRun.start(repo.root(), env, "up", "feat/two");
    Poll.await("the up sends its clone", Duration.ofMinutes(1), () -> clone.reached() || up.result().isDone());
    drop.release();
    down.finish().ok();
    clone.release();

    WtRun r = up.finish().ok();

    String two = DatabaseNames.of(project, WorktreeIdentity.derive("feat/two"));
    assertTrue(PG.databases().contains(two), r.err());
    assertTrue(PG.comment(two).startsWith("wt:" + project + ":two_"), PG.comment(two));
    assertTrue(r.err().contains("went away before the copy"), r.err());
    assertTrue(PG.databases().contains(template), "the up that still needs it built it again\n" + r.err());
  }

  @Test
  void the_last_down_drops_the_template_only_while_holding_the_template_lock() throws Exception {
    // what a command building the template, or cloning it once more after a drop, holds
    lastDownWaitsFor(repo.root().resolve(".git/wt/locks/template.lock"));
  }

  @Test
  void the_last_down_drops_the_template_only_while_holding_the_template_s_own_database_lock() throws Exception {
    // what a refill of the template (or anything else that takes that database's turn) holds
    Path lock = repo.root().resolve(".git/wt/locks/db-" + project + "_template.lock");
    lastDownWaitsFor(lock);
    assertFalse(Files.exists(lock), "the template's lock outlived it");
  }

  /** Runs the last down while the test holds {@code lock}: it waits there, and drops the template once it is free. */
  private void lastDownWaitsFor(Path lock) throws Exception {
    String template = project + "_template";
    Files.createDirectories(lock.getParent());
    Path databaseLock = lock.resolveSibling("db-" + DatabaseNames.of(project, WorktreeIdentity.derive("feat/one")) + ".lock");
    assertTrue(Files.exists(databaseLock), "setup made the database under its lock");
    WtRun.Started down;
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      down = WtRun.start(repo.root(), env, "down", "feat/one");
      String waited = Poll.first(Duration.ofMinutes(1), () -> down.err().contains("waiting for wt's lock " + lock)
          ? down.err() : down.result().isDone() ? "ended without waiting:\n" + down.err() : null);
      assertTrue(waited.contains("waiting for wt's lock"), waited);
      assertTrue(PG.databases().contains(template), "dropped while another command held " + lock);
    }
    WtRun r = down.finish().ok();
    assertTrue(r.err().contains("database " + template + ": dropped the template"), r.err());
    assertFalse(PG.databases().contains(template));
    assertFalse(Files.exists(databaseLock), "the database's lock outlived it");
  }
}
