package dev.wt.db;

import static dev.wt.testing.Checks.deleteRecursively;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wt teardown} drops a worktree's databases only holding the worktree's lock, which {@code wt
 * up}, {@code wt setup} and {@code wt down} hold while they make or release them: with the folder
 * there, and with it gone.
 */
class TeardownUnderWorktreeLockTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private PgProject made;
  private GitRepo repo;
  private Map<String, String> env;

  @BeforeEach
  void oneWorktreeWithADatabase() {
    made = PgProject.create(tmp, "wtt", "[databases.app]\nfill = \"empty\"\n");
    repo = made.repo();
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl());
    WtRun.in(repo.root(), env, "up", "feat/work").ok();
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (made != null) {
      made.close();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void teardown_waits_for_the_command_holding_the_worktree_before_it_drops_anything(boolean folderGone)
      throws Exception {
    Path wt = tmp.resolve("app-work").toRealPath();
    if (folderGone) {
      deleteRecursively(wt);
    }
    String slug = WorktreeIdentity.derive("feat/work").slug();
    String db = DatabaseNames.of(made.project(), WorktreeIdentity.derive("feat/work"));
    Path lock = repo.path(".git/wt/worktrees/" + slug + ".lock");
    WtRun.Started teardown;
    // what a setup of the worktree holds while it makes its databases
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      teardown = WtRun.start(folderGone ? repo.root() : wt, env, "teardown", wt.toString());
      String waited = Poll.first(Duration.ofMinutes(1), () -> teardown.err().contains("waiting for wt's lock " + lock)
          ? "waited" : teardown.result().isDone() ? "ended without waiting:\n" + teardown.err() : null);
      assertEquals("waited", waited);
      assertTrue(PG.databases().contains(db), "dropped while another command held the worktree");
    }
    WtRun r = teardown.finish().ok();

    assertFalse(PG.databases().contains(db), r.err());
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/" + slug + ".json")), r.err());
  }
}
