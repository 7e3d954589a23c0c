package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging copy {@code <project>_template_wt_pull} a template is built in: wt drops only one a
 * killed run of this checkout left, never one someone else made or another checkout is filling, and
 * renames in only a complete one. Template builds and refreshes take turns under the template lock.
 */
class TemplateStagingTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String staging;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    project = "wts" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(), (byte) new Random().nextInt(),
        (byte) new Random().nextInt()});
    staging = project + "_template_wt_pull";
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl());
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  /** A staging copy made outside this run, holding a table that shows whether it survived. */
  private void stagingCopy(String comment) {
    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"");
    PG.exec(staging, "CREATE TABLE precious(x int)", "INSERT INTO precious VALUES (42)");
    if (comment != null) {
      PG.exec("postgres", "COMMENT ON DATABASE \"" + staging + "\" IS '" + comment.replace("'", "''") + "'");
    }
  }

  private void refusedAndKept(String comment) {
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/one").expect(4);
    assertTrue(r.err().contains("database " + staging + " exists and is not this checkout's staging copy"), r.err());
    assertTrue(r.err().contains("another checkout of " + project + " may be building the template"), r.err());
    assertEquals(List.of("42"), PG.column(staging, "SELECT x FROM precious"), "the staging copy was touched");
    assertEquals(comment, PG.comment(staging));
    assertFalse(PG.databases().contains(project + "_template"));
  }

  @Test
  void an_unmarked_staging_copy_survives_up_and_the_template_build_is_refused() {
    stagingCopy(null);
    refusedAndKept(null);
  }

  @Test
  void a_staging_copy_another_checkout_marked_survives_up() {
    String theirs = "wt:" + project + ":template:auto (repo /elsewhere/.git)";
    stagingCopy(theirs);
    refusedAndKept(theirs);
  }

  @Test
  void a_staging_copy_a_killed_run_of_this_checkout_marked_is_replaced() {
    // the mark this repository puts on its template, read off a template it built and dropped again
    WtRun.in(repo.root(), env, "up", "feat/first").ok();
    String ours = PG.comment(project + "_template");
    WtRun.in(repo.root(), env, "down", "feat/first").ok();
    assertFalse(PG.databases().contains(project + "_template"));
    stagingCopy(ours);

    WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertFalse(PG.databases().contains(staging));
    assertEquals(ours, PG.comment(project + "_template"));
    assertTrue(PG.column(project + "_template", "SELECT to_regclass('precious')::text").contains(null),
        "the leftover was renamed in instead of rebuilt");
  }

  @Test
  void an_unmarked_staging_copy_this_checkout_was_creating_when_killed_is_replaced() throws Exception {
    stagingCopy(null);
    // what a wt killed during the CREATE leaves: the server finished it, the mark never came
    Path intent = repo.root().resolve(".git/wt/locks/staging-" + staging + ".intent");
    Files.createDirectories(intent.getParent());
    Files.writeString(intent, "");

    WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertFalse(PG.databases().contains(staging));
    assertTrue(PG.comment(project + "_template").startsWith("wt:" + project + ":template:auto (repo "));
    assertFalse(Files.exists(intent), "the intent outlived the build");
  }

  /** The mark this repository puts on a template built by wt db template refresh or pull, read off a worktree's database. */
  private String refreshedMark() {
    WtRun.in(repo.root(), env, "up", "feat/mark").ok();
    String worktree = PG.databases().stream().filter(d -> d.startsWith(project + "_mark_")).findFirst().orElseThrow();
    String owner = PG.comment(worktree);
    WtRun.in(repo.root(), env, "down", "feat/mark").ok();
    return "wt:" + project + ":template" + owner.substring(owner.lastIndexOf(" (repo "));
  }

  @Test
  void a_template_pull_marks_its_copy_as_the_template_only_once_the_fill_is_complete() throws Exception {
    String source = project + "_prod";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE orders(id int)", "INSERT INTO orders VALUES (1)");
    WtRun.Started[] pull = new WtRun.Started[1];
    String whileFilling = PG.whileLocked(source, "orders", () -> {
      pull[0] = WtRun.start(repo.root(), env, "db", "pull", "--into", "template", "--from",
          "postgresql://postgres@127.0.0.1:5432/" + source);
      return Poll.first(Duration.ofMinutes(1), () -> PG.comment(staging));
    });
    pull[0].finish().ok();
    String template = PG.comment(project + "_template");
    assertEquals(List.of("1"), PG.column(project + "_template", "SELECT count(*) FROM orders"));
    assertTrue(whileFilling != null && whileFilling.startsWith("wt:" + project + ":template"), whileFilling);
    assertNotEquals(template, whileFilling, "the half-filled copy carried the template's mark: a later wt up renames "
        + "a copy a kill left there into place");
  }

  @Test
  void a_half_filled_copy_a_killed_template_pull_left_is_rebuilt_not_renamed_in() {
    String mark = refreshedMark();
    // what a template pull killed mid-fill leaves when there was no template: its copy, marked unfinished
    stagingCopy(dev.wt.core.OwnedDatabase.unfinished(mark));

    WtRun r = WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertFalse(r.err().contains("finished an interrupted refresh"), r.err());
    assertFalse(PG.databases().contains(staging));
    assertTrue(PG.comment(project + "_template").startsWith("wt:" + project + ":template:auto (repo "));
    assertTrue(PG.column(project + "_template", "SELECT to_regclass('precious')::text").contains(null),
        "the half-filled copy became the template");
  }

  @Test
  void a_complete_copy_a_killed_template_pull_left_is_renamed_in() {
    String mark = refreshedMark();
    // killed between dropping the old template and renaming the complete copy in
    stagingCopy(mark);

    WtRun r = WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertTrue(r.err().contains("finished an interrupted refresh"), r.err());
    assertEquals(List.of("42"), PG.column(project + "_template", "SELECT x FROM precious"));
    assertEquals(mark, PG.comment(project + "_template"));
  }

  @Test
  void db_reset_builds_a_missing_template_only_while_holding_the_template_lock() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    PG.exec("postgres", "ALTER DATABASE \"" + project + "_template\" IS_TEMPLATE false",
        "DROP DATABASE \"" + project + "_template\"");
    Path lock = repo.root().resolve(".git/wt/locks/template.lock");
    Files.createDirectories(lock.getParent());
    WtRun.Started reset;
    String waited;
    // another wt building the template holds the lock
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      reset = WtRun.start(tmp.resolve("app-one"), env, "db", "reset");
      waited = Poll.first(Duration.ofMinutes(1), () -> reset.err().contains("waiting for wt's lock")
          ? reset.err() : reset.result().isDone() ? "ended without waiting:\n" + reset.err() : null);
      assertFalse(PG.databases().contains(project + "_template"), "built while another wt held the template lock");
    }
    WtRun r = reset.finish().ok();
    assertTrue(waited.contains("waiting for wt's lock " + lock), waited);
    assertTrue(PG.databases().contains(project + "_template"), r.err());
  }

  @Test
  void a_database_someone_makes_while_up_waits_for_the_template_is_refused_not_adopted() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    PG.exec("postgres", "ALTER DATABASE \"" + project + "_template\" IS_TEMPLATE false",
        "DROP DATABASE \"" + project + "_template\"");
    String theirs = project + "_" + dev.wt.core.WorktreeIdentity.derive("feat/two").slug();
    Path lock = repo.root().resolve(".git/wt/locks/template.lock");
    WtRun.Started up;
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      up = WtRun.start(repo.root(), env, "up", "feat/two");
      String waited = Poll.first(Duration.ofMinutes(1), () -> up.err().contains("waiting for wt's lock")
          ? up.err() : up.result().isDone() ? "ended without waiting:\n" + up.err() : null);
      assertTrue(waited.contains("waiting for wt's lock"), waited);
      // meanwhile someone makes a database of that name, with data in it
      PG.exec("postgres", "CREATE DATABASE \"" + theirs + "\"");
      PG.exec(theirs, "CREATE TABLE keep (x int)", "INSERT INTO keep VALUES (42)");
    }
    WtRun r = up.finish();
    assertTrue(r.exitCode() != 0, r.err());
    assertTrue(r.err().contains(theirs + " was created by someone else"), r.err());
    assertEquals(null, PG.comment(theirs), "not marked as wt's");
    // the record does not list it as this worktree's either: a re-run refuses it again, never adopts it
    WtRun again = WtRun.in(repo.root(), env, "up", "feat/two");
    assertTrue(again.exitCode() != 0, again.err());
    assertEquals(null, PG.comment(theirs), again.err());
    WtRun.in(repo.root(), env, "down", "--force", "feat/two");
    assertTrue(PG.databases().contains(theirs), "down never drops it");
    PG.exec(theirs, "SELECT 1 FROM keep WHERE x = 42");
  }
}
