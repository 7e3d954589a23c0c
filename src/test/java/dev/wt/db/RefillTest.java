package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refill replaces a database only with a complete copy: a bad source never costs the data. */
class RefillTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String source;
  private Path wt;
  private String db;

  @BeforeEach
  void aWorktreeWhoseDatabaseWasPulledAndThenWorkedOn() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtr" + HexFormat.of().formatHex(b);
    source = project + "_prod";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE orders(id int primary key)", "INSERT INTO orders SELECT generate_series(1, 50)");
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nfill = \"pull\"\nsource_env = \"PROD_URL\"\n")
        .commitAll("pull config");
    WtRun.in(repo.root(), env(url(source)), "up", "feat/work").ok();
    wt = tmp.resolve("app-work");
    db = DatabaseNames.of(project, WorktreeIdentity.derive("feat/work"));
    PG.exec(db, "INSERT INTO orders VALUES (1000)");
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private Map<String, String> env(String sourceUrl, String... more) {
    // the pull source is the committed wt.toml's: approved for each run (WT_TRUST)
    Map<String, String> e = new HashMap<>(Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "PROD_URL", sourceUrl,
        "WT_TRUST", "1"));
    for (int i = 0; i < more.length; i += 2) {
      e.put(more[i], more[i + 1]);
    }
    return e;
  }

  private static String url(String database) {
    return "postgresql://postgres@127.0.0.1:5432/" + database;
  }

  private int orders() {
    return Integer.parseInt(PG.column(db, "SELECT count(*) FROM orders").get(0));
  }

  private void assertKept(WtRun r) {
    assertEquals(51, orders(), "the worktree's data was lost\n" + r.err());
    assertTrue(r.err().contains("keeps its data"), r.err());
    assertFalse(r.out().contains("already set up"), r.out());
    assertFalse(PG.databases().stream().anyMatch(d -> d.startsWith(project) && d.endsWith("_wt_pull")),
        "a staging copy was left behind");
  }

  @Test
  void a_forced_setup_pull_from_a_mistyped_source_database_keeps_the_data() {
    WtRun r = WtRun.in(wt, env(url(project + "_typo"), "WT_FORCE_DB_PULL", "1"), "setup").expect(1);
    assertTrue(r.err().contains("has no database " + project + "_typo"), r.err());
    assertKept(r);
  }

  @Test
  void a_forced_setup_pull_from_a_mysql_url_keeps_the_data() {
    assertKept(WtRun.in(wt, env("mysql://root@127.0.0.1/shop", "WT_FORCE_DB_PULL", "true"), "setup").expect(1));
  }

  @Test
  void a_forced_setup_pull_from_a_server_that_does_not_answer_keeps_the_data() {
    assertKept(WtRun.in(wt, env("postgresql://postgres@127.0.0.1:1/x"), "setup", "--force-db-pull").expect(3));
  }

  @Test
  void a_forced_setup_pull_from_a_good_source_replaces_the_data_and_keeps_the_mark_and_limit() {
    WtRun.in(wt, env(url(source), "WT_FORCE_DB_PULL", "yes"), "setup").ok();
    assertEquals(50, orders());
    assertTrue(PG.comment(db).startsWith("wt:" + project + ":work_"), PG.comment(db));
    assertEquals("20", PG.column("postgres", "SELECT datconnlimit FROM pg_database WHERE datname = '" + db + "'").get(0));
  }

  @Test
  void source_url_parameters_reach_pg_dump() {
    // a parameter the old code dropped: with it the (read-write) source refuses the connection
    WtRun r = WtRun.in(wt, env(url(source) + "?target_session_attrs=read-only"), "setup", "--force-db-pull").expect(3);
    assertTrue(r.err().contains("read-only"), r.err());
    assertKept(r);
    WtRun.in(wt, env(url(source) + "?application_name=wt_test&target_session_attrs=read-write"), "setup",
        "--force-db-pull").ok();
    assertEquals(50, orders());
  }

  @Test
  void db_reset_from_a_source_that_is_gone_keeps_the_data() {
    assertKept(WtRun.in(wt, env(url(project + "_gone")), "db", "reset").expect(1));
    WtRun.in(wt, env(url(source)), "db", "reset").ok();
    assertEquals(50, orders());
  }

  @Test
  void db_pull_into_the_worktree_from_a_bad_source_keeps_the_data() {
    assertKept(WtRun.in(wt, env(url(source)), "db", "pull", "--into", "worktree", "--force-db-pull",
        "--from", url(project + "_typo")).expect(1));
  }

  @Test
  void a_refill_cut_off_between_drop_and_rename_is_finished_by_the_next_setup() {
    // what a crash right after DROP leaves: only the complete, marked staging copy
    PG.exec("postgres", "ALTER DATABASE \"" + db + "\" RENAME TO \"" + db + "_wt_pull\"");
    WtRun r = WtRun.in(wt, env(url(source)), "setup").ok();
    assertTrue(r.err().contains("finished an interrupted refill"), r.err());
    assertEquals(51, orders());
  }

  private Path stagingIntent() {
    return repo.root().resolve(".git/wt/locks/staging-" + db + "_wt_pull.intent");
  }

  @Test
  void an_unmarked_staging_copy_a_killed_reset_was_creating_is_dropped_and_the_reset_done() throws Exception {
    // what a wt killed between CREATE and COMMENT leaves: the server finished the CREATE, the mark never came
    PG.exec("postgres", "CREATE DATABASE \"" + db + "_wt_pull\"");
    Files.createDirectories(stagingIntent().getParent());
    Files.writeString(stagingIntent(), "");

    WtRun.in(wt, env(url(source)), "db", "reset").ok();

    assertEquals(50, orders());
    assertFalse(PG.databases().contains(db + "_wt_pull"), "the leftover is still there");
    assertFalse(Files.exists(stagingIntent()), "the intent outlived the reset");
  }

  @Test
  void an_unmarked_staging_copy_no_run_of_this_checkout_was_creating_is_kept_and_the_reset_refused() {
    PG.exec("postgres", "CREATE DATABASE \"" + db + "_wt_pull\"");
    PG.exec(db + "_wt_pull", "CREATE TABLE precious(x int)");

    WtRun r = WtRun.in(wt, env(url(source)), "db", "reset").expect(1);

    assertTrue(r.err().contains("database " + db + "_wt_pull exists and is not wt's staging copy for " + db
        + " (no comment, and no run of this checkout was creating it)"), r.err());
    assertTrue(r.err().contains("wt did not make it"), r.err());
    assertEquals(51, orders());
    assertEquals(List.of("precious"), PG.column(db + "_wt_pull", "SELECT 'precious' FROM pg_class WHERE relname = 'precious'"));
  }

  @Test
  void a_reset_marks_its_copy_with_the_worktree_mark_only_once_the_fill_is_complete() throws Exception {
    String owner = PG.comment(db);
    WtRun.Started[] reset = new WtRun.Started[1];
    String whileFilling = PG.whileLocked(source, "orders", () -> {
      reset[0] = WtRun.start(wt, env(url(source)), "db", "reset");
      return Poll.first(Duration.ofMinutes(1), () -> PG.comment(db + "_wt_pull"));
    });
    reset[0].finish().ok();

    assertEquals(50, orders());
    assertEquals(owner, PG.comment(db));
    assertNotEquals(owner, whileFilling, "a half-filled copy carried the mark that lets a later setup rename it in");
    assertEquals(OwnedDatabase.unfinished(owner), whileFilling);
    assertFalse(Files.exists(stagingIntent()));
  }

  @Test
  void a_half_filled_copy_a_killed_pull_left_is_never_renamed_in_for_a_database_that_is_gone() {
    // a pull killed mid-fill, then the database dropped by hand: setup makes it again, from the source
    String owner = PG.comment(db);
    PG.exec("postgres", "CREATE DATABASE \"" + db + "_wt_pull\"",
        "COMMENT ON DATABASE \"" + db + "_wt_pull\" IS '" + OwnedDatabase.unfinished(owner) + "'",
        "DROP DATABASE \"" + db + "\" WITH (FORCE)");

    WtRun r = WtRun.in(wt, env(url(source)), "setup").ok();

    assertFalse(r.err().contains("finished an interrupted refill"), r.err());
    assertEquals(50, orders());
    assertFalse(PG.databases().contains(db + "_wt_pull"));
  }

  @Test
  void two_resets_at_once_take_turns_and_leave_one_complete_database() throws Exception {
    String owner = PG.comment(db);
    WtRun.Started[] resets = new WtRun.Started[2];
    String meanwhile = PG.whileLocked(source, "orders", () -> {
      // the first reset's pull waits on the locked table, its staging copy made and half filled
      resets[0] = WtRun.start(wt, env(url(source)), "db", "reset");
      String copy = Poll.first(Duration.ofMinutes(1), () -> stagingOid());
      resets[1] = WtRun.start(wt, env(url(source)), "db", "reset");
      // the second either waits its turn or (the race) takes the first one's staging copy away
      return Poll.first(Duration.ofMinutes(1), () -> resets[1].err().contains("waiting for wt's lock") ? "waited"
          : !copy.equals(stagingOid()) ? "the second reset replaced the first one's staging copy"
          : resets[0].result().isDone() || resets[1].result().isDone() ? "one ended while the source was locked" : null);
    });
    WtRun one = resets[0].finish();
    WtRun two = resets[1].finish();
    assertEquals("waited", meanwhile, one.err() + "\n" + two.err());
    one.ok();
    two.ok();
    assertEquals(50, orders());
    assertEquals(owner, PG.comment(db));
    assertFalse(PG.databases().contains(db + "_wt_pull"), "a staging copy was left behind");
  }

  /** The staging copy's oid, null while there is none. */
  private String stagingOid() {
    return PG.column("postgres", "SELECT oid::text FROM pg_database WHERE datname = '" + db + "_wt_pull'").stream()
        .findFirst().orElse(null);
  }
}
