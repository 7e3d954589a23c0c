package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.PgProxy;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code wt db reset} that waits for a {@code wt down} of its own worktree (on the database's
 * lock, or on the worktree's) refuses once it gets its turn: it never makes a database (or a
 * record) again that the down has just released.
 */
class RefillBesideDownTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private PgProject made;
  private GitRepo repo;
  private PgProxy proxy;
  private Path wt;
  private String db;
  private String slug;

  @BeforeEach
  void oneWorktreeThroughARelay() {
    // the gate holds a down after it took the worktree's lock and before it removes anything
    Path gate = tmp.resolve("gate");
    made = PgProject.create(tmp, "wtd", """
        [databases.app]
        fill = "empty"
        [teardown]
        commands = ["if [ -p %s ]; then touch %s; cat %s > /dev/null; fi"]
        """.formatted(gate, tmp.resolve("down-started"), gate));
    repo = made.repo();
    proxy = new PgProxy(PG);
    WtRun.in(repo.root(), env(), "up", "feat/work").ok();
    wt = tmp.resolve("app-work");
    db = DatabaseNames.of(made.project(), WorktreeIdentity.derive("feat/work"));
    slug = WorktreeIdentity.derive("feat/work").slug();
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (proxy != null) {
      proxy.close();
    }
    if (made != null) {
      made.close();
    }
  }

  private Map<String, String> env(String... more) {
    Map<String, String> e = new HashMap<>(Map.of("WT_PG_MODE", "url", "WT_PG_URL", proxy.server().adminUrl(),
        "WT_TRUST", "0"));
    for (int i = 0; i < more.length; i += 2) {
      e.put(more[i], more[i + 1]);
    }
    return e;
  }

  private Path record() {
    return repo.root().resolve(".git/wt/worktrees/" + slug + ".json");
  }

  @Test
  void a_reset_queued_on_the_database_lock_behind_the_down_that_drops_it_refuses_and_makes_nothing() throws Exception {
    Path lock = repo.root().resolve(".git/wt/locks/db-" + db + ".lock");
    // the reset has seen its database and is about to refill it
    PgProxy.Hold look = proxy.hold(db);
    WtRun.Started reset = WtRun.start(wt, env(), "db", "reset");
    Poll.await("the reset looks at its database", Duration.ofMinutes(1), () -> look.reached() || reset.result().isDone());
    // the down of its worktree holds the database's lock, dropping it
    PgProxy.Hold drop = proxy.hold("\"" + db + "\" WITH (FORCE)");
    WtRun.Started down = WtRun.start(repo.root(), env(), "down", "feat/work");
    Poll.await("the down drops the database", Duration.ofMinutes(1), () -> drop.reached() || down.result().isDone());
    look.release();
    Poll.await("the reset waits for the database's lock", Duration.ofMinutes(1),
        () -> reset.err().contains("waiting for wt's lock " + lock) || reset.result().isDone());
    drop.release();
    down.finish().ok();

    WtRun r = reset.finish().expect(1);

    // the down may have deleted the record by then, or not yet: either way the database is gone
    assertTrue(r.err().contains(db) && r.err().contains("wt db reset waited for")
        && r.err().contains("nothing was made"), r.err());
    assertFalse(PG.databases().contains(db), "the reset made the database again, and no record owns it");
    assertFalse(PG.databases().contains(db + "_wt_pull"), "a staging copy was left behind");
    assertFalse(Files.exists(record()), "the record came back");
    assertFalse(Files.exists(lock), "the database's lock outlived it");
  }

  @Test
  void a_reset_that_would_make_its_missing_database_again_waits_for_the_down_of_its_worktree_and_refuses()
      throws Exception {
    PG.exec("postgres", "DROP DATABASE \"" + db + "\"");
    Path gate = tmp.resolve("gate");
    new ProcessBuilder("mkfifo", gate.toString()).inheritIO().start().waitFor();
    WtRun.Started down = WtRun.start(repo.root(), env("WT_TRUST", "1"), "down", "feat/work");
    WtRun.Started reset;
    try {
      Poll.await("the down holds the worktree", Duration.ofMinutes(1),
          () -> Files.exists(tmp.resolve("down-started")) || down.result().isDone());
      reset = WtRun.start(wt, env(), "db", "reset");
      Poll.await("the reset waits for the down", Duration.ofMinutes(1),
          () -> reset.err().contains("waiting for another wt command") || reset.result().isDone());
    } finally {
      if (Files.exists(tmp.resolve("down-started"))) {
        Files.writeString(gate, "go\n"); // opens once the down's command reads
      }
    }
    down.finish().ok();

    WtRun r = reset.finish().expect(1);

    assertTrue(r.err().contains("worktree feat/work was taken down while wt db reset waited for its database " + db),
        r.err());
    assertFalse(PG.databases().contains(db), "the reset made the database again, and no record owns it");
    assertFalse(Files.exists(record()), "the record came back");
  }
}
