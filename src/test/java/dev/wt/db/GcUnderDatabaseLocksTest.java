package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt gc --yes} drops what dead worktrees left only holding the database's lock, which
 * setup, refills and drops of that database hold, and asks again there whether it is still an
 * orphan: a command that held the lock may have given the name to a live worktree meanwhile.
 */
class GcUnderDatabaseLocksTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private PgProject made;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    made = PgProject.create(tmp, "wtg", "");
    repo = made.repo();
    project = made.project();
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "XDG_STATE_HOME", tmp.resolve("state").toString());
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (made != null) {
      made.close();
    }
  }

  private Path lockOf(String database) {
    return repo.root().resolve(".git/wt/locks/db-" + database + ".lock");
  }

  /** Starts {@code wt gc --yes --json} while the test holds {@code lock}; returns it once it waits there. */
  private WtRun.Started gcWaitingFor(Path lock, Runnable meanwhile) throws IOException {
    Files.createDirectories(lock.getParent());
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      WtRun.Started gc = WtRun.start(repo.root(), env, "gc", "--yes", "--json");
      String waited = Poll.first(Duration.ofMinutes(1), () -> gc.err().contains("waiting for wt's lock " + lock)
          ? "waited" : gc.result().isDone() ? "ended without waiting:\n" + gc.err() : null);
      assertEquals("waited", waited);
      meanwhile.run();
      return gc;
    }
  }

  private static String outcome(WtRun r, String name) throws IOException {
    JsonNode items = new ObjectMapper().readTree(r.out()).get("items");
    return Stream.iterate(0, i -> i < items.size(), i -> i + 1).map(items::get)
        .filter(i -> i.get("name").asText().equals(name)).map(i -> i.get("outcome").asText()).findFirst().orElse("none");
  }

  @Test
  void gc_drops_an_orphan_only_holding_its_lock_and_keeps_it_when_a_live_worktree_claimed_it_meanwhile()
      throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/gone").ok();
    WtRun.in(repo.root(), env, "up", "feat/live").ok();
    String gone = DatabaseNames.of(project, WorktreeIdentity.derive("feat/gone"));
    String mark = PG.comment(gone);
    String liveMark = PG.comment(DatabaseNames.of(project, WorktreeIdentity.derive("feat/live")));
    try (Stream<Path> walk = Files.walk(tmp.resolve("app-gone"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    WtRun.Started gc = gcWaitingFor(lockOf(gone), () -> {
      assertTrue(PG.databases().contains(gone), "dropped while another command held its lock");
      // what that command did: it gave the name to a live worktree
      PG.exec("postgres", "COMMENT ON DATABASE \"" + gone + "\" IS '" + liveMark.replace("'", "''") + "'");
    });
    WtRun kept = gc.finish().ok();
    assertEquals("kept", outcome(kept, gone), kept.out());
    assertTrue(PG.databases().contains(gone), kept.out());

    // an orphan again: dropped, and its lock goes with it
    PG.exec("postgres", "COMMENT ON DATABASE \"" + gone + "\" IS '" + mark.replace("'", "''") + "'");
    WtRun dropped = gcWaitingFor(lockOf(gone), () -> { }).finish().ok();
    assertEquals("released", outcome(dropped, gone), dropped.out());
    assertFalse(PG.databases().contains(gone));
    assertFalse(Files.exists(lockOf(gone)), "the database's lock outlived it");
  }

  @Test
  void gc_drops_an_unused_template_only_holding_its_lock() throws Exception {
    String other = project + "b";
    repo.branchWithCommit("feat/other", "wt.toml", "project = \"" + other + "\"\n");
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    WtRun.in(repo.root(), env, "up", "feat/other").ok();
    WtRun.in(repo.root(), env, "down", "feat/other").ok();
    String template = other + "_template";
    assertTrue(PG.databases().contains(template), "the down kept it: another worktree has databases");

    WtRun.Started gc = gcWaitingFor(lockOf(template),
        () -> assertTrue(PG.databases().contains(template), "dropped while another command held its lock"));
    WtRun r = gc.finish().ok();
    assertEquals("released", outcome(r, template), r.out());
    assertFalse(PG.databases().contains(template));
    assertFalse(Files.exists(lockOf(template)), "the template's lock outlived it");
  }
}
