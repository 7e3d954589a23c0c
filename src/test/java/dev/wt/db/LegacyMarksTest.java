package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.DatabaseNames;
import dev.wt.core.RepoKey;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases marked before repository ids, with the key of the path alone: taken as this
 * repository's (and marked again) where a record here names them, never dropped by gc on their mark.
 */
class LegacyMarksTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private PgProject made;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    made = PgProject.create(tmp, "wtlg", "[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n");
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

  private String dbOf(String branch) {
    return DatabaseNames.of(project, WorktreeIdentity.derive(branch));
  }

  /** What wt before repository ids stamped: the key of the common dir's path alone. */
  private String legacyKey() throws IOException {
    return RepoKey.of(repo.root().resolve(".git").toRealPath()).mark();
  }

  private String legacyMark(String kind) throws IOException {
    return "wt:" + project + ":" + kind + " (repo " + legacyKey() + ")";
  }

  private void mark(String database, String comment) {
    PG.exec("postgres", "COMMENT ON DATABASE \"" + database + "\" IS '" + comment.replace("'", "''") + "'");
  }

  private static JsonNode json(WtRun r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  private static JsonNode item(JsonNode result, String name) {
    for (JsonNode i : result.get("items")) {
      if (i.get("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name + " is not listed: " + result);
  }

  @Test
  void a_rerun_up_and_a_reset_take_the_recorded_database_with_a_legacy_mark_and_mark_it_again() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/old").ok();
    String db = dbOf("feat/old");
    String current = PG.comment(db);
    String legacy = legacyMark(WorktreeIdentity.derive("feat/old").slug());
    mark(db, legacy);

    WtRun up = WtRun.in(repo.root(), env, "up", "feat/old").ok();
    assertEquals(current, PG.comment(db), up.err());
    assertTrue(up.err().contains("database " + db + ": marked with this repository's id"), up.err());

    mark(db, legacy);
    WtRun reset = WtRun.in(tmp.resolve("app-old"), env, "db", "reset").ok();
    assertEquals(current, PG.comment(db), reset.err());
  }

  @Test
  void down_drops_the_recorded_database_with_a_legacy_mark() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/old").ok();
    String db = dbOf("feat/old");
    mark(db, legacyMark(WorktreeIdentity.derive("feat/old").slug()));

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/old").ok();

    assertFalse(PG.databases().contains(db), down.out() + down.err());
  }

  @Test
  void gc_keeps_and_lists_a_dead_worktrees_database_with_a_legacy_mark_that_no_record_names() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/live").ok();
    String dead = WorktreeIdentity.derive("feat/dead").slug();
    String legacy = project + "_" + dead;
    PG.exec("postgres", "CREATE DATABASE \"" + legacy + "\"");
    mark(legacy, legacyMark(dead));
    // the same orphan with this repository's current mark: gc's to drop
    String current = project + "_other_" + dead;
    PG.exec("postgres", "CREATE DATABASE \"" + current + "\"");
    mark(current, PG.comment(dbOf("feat/live")).replace(WorktreeIdentity.derive("feat/live").slug(), dead));

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals("kept", item(dry, legacy).get("outcome").asText(), dry.toString());
    assertTrue(item(dry, legacy).get("detail").asText().contains("predates repository ids"), dry.toString());
    // the server it is on, without which dropdb goes to the default one (and never a password)
    assertTrue(item(dry, legacy).get("detail").asText().contains("dropdb -h " + PG.host() + " -p " + PG.port()
        + " -U postgres " + legacy + ")"), dry.toString());
    assertEquals("found", item(dry, current).get("outcome").asText(), dry.toString());
    Map<String, String> withPassword = new java.util.HashMap<>(env);
    withPassword.put("WT_PG_URL", PG.adminUrl().replace("postgres@", "postgres:s3cret@"));
    JsonNode secret = json(WtRun.in(repo.root(), withPassword, "gc", "--json").ok());
    assertFalse(item(secret, legacy).get("detail").asText().contains("s3cret"), secret.toString());

    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(PG.databases().contains(legacy), gc.out() + gc.err());
    assertFalse(PG.databases().contains(current), gc.out() + gc.err());
    assertTrue(gc.out().contains(legacy) && gc.out().contains("predates repository ids"), gc.out());
    JsonNode again = json(WtRun.in(repo.root(), env, "gc", "--yes", "--json").ok());
    assertEquals("kept", item(again, legacy).get("outcome").asText(), again.toString());
  }

  @Test
  void gc_drops_a_legacy_marked_database_that_a_dead_worktrees_record_here_names_as_down_would() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/gone").ok();
    String db = dbOf("feat/gone");
    mark(db, legacyMark(WorktreeIdentity.derive("feat/gone").slug()));
    try (var walk = Files.walk(tmp.resolve("app-gone"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();

    assertFalse(PG.databases().contains(db), gc.out() + gc.err());
  }

  @Test
  void a_legacy_marked_template_is_cloned_from_kept_by_the_last_down_and_marked_again_by_a_refresh() throws Exception {
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("templates");
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\""); // the main database, the template's source
    String template = project + "_template";
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    String auto = PG.comment(template);
    mark(template, legacyMark("template:auto"));

    WtRun.in(repo.root(), env, "up", "feat/two").ok();
    assertTrue(PG.databases().contains(dbOf("feat/two")), "cloned from it");
    WtRun.in(repo.root(), env, "down", "feat/one").ok();
    WtRun last = WtRun.in(repo.root(), env, "down", "feat/two").ok();
    assertTrue(PG.databases().contains(template), last.err());
    assertTrue(last.err().contains("predates repository ids"), last.err());

    WtRun.in(repo.root(), env, "db", "template", "refresh").ok();
    assertEquals(auto.replace(":template:auto (", ":template ("), PG.comment(template));
  }

  @Test
  void gc_keeps_and_lists_a_legacy_marked_template_of_a_project_no_worktree_uses() throws Exception {
    String gone = project + "z";
    String template = gone + "_template";
    PG.exec("postgres", "CREATE DATABASE \"" + template + "\"", "ALTER DATABASE \"" + template + "\" IS_TEMPLATE true");
    mark(template, "wt:" + gone + ":template:auto (repo " + legacyKey() + ")");

    JsonNode done = json(WtRun.in(repo.root(), env, "gc", "--yes", "--json").ok());

    assertEquals("kept", item(done, template).get("outcome").asText(), done.toString());
    assertTrue(item(done, template).get("detail").asText().contains("predates repository ids"), done.toString());
    assertTrue(PG.databases().contains(template));
  }

  @Test
  void reset_and_down_drop_a_staging_copy_an_interrupted_refill_left_under_a_legacy_mark() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/old").ok();
    String db = dbOf("feat/old");
    String staging = db + "_wt_pull";
    String legacy = legacyMark(WorktreeIdentity.derive("feat/old").slug());
    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"");
    mark(staging, legacy.replace(" (repo ", " (unfinished) (repo "));

    WtRun reset = WtRun.in(tmp.resolve("app-old"), env, "db", "reset").ok();
    assertFalse(PG.databases().contains(staging), reset.err());

    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"");
    mark(staging, legacy);
    WtRun down = WtRun.in(repo.root(), env, "down", "feat/old").ok();
    assertFalse(PG.databases().contains(staging), down.err());
    assertFalse(PG.databases().contains(db), down.err());
  }

  @Test
  void a_rerun_up_finishes_a_refill_an_older_build_left_between_drop_and_rename_and_marks_it_again() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/old").ok();
    String db = dbOf("feat/old");
    String current = PG.comment(db);
    PG.exec("postgres", "ALTER DATABASE \"" + db + "\" RENAME TO \"" + db + "_wt_pull\"");
    mark(db + "_wt_pull", legacyMark(WorktreeIdentity.derive("feat/old").slug()));

    WtRun up = WtRun.in(repo.root(), env, "up", "feat/old").ok();

    assertTrue(up.err().contains("finished an interrupted refill"), up.err());
    assertEquals(current, PG.comment(db), up.err());
    assertFalse(PG.databases().contains(db + "_wt_pull"), up.err());
  }

  @Test
  void a_template_refresh_drops_a_staging_copy_an_older_build_left_under_a_legacy_mark() throws Exception {
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("templates");
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    String staging = project + "_template_wt_pull";
    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"");
    mark(staging, legacyMark("template:auto"));

    WtRun refresh = WtRun.in(repo.root(), env, "db", "template", "refresh").ok();

    assertFalse(PG.databases().contains(staging), refresh.err());
    assertTrue(PG.databases().contains(project + "_template"), refresh.err());
  }
}
