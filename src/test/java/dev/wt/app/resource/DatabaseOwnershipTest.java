package dev.wt.app.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ExitCode;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WtException;
import dev.wt.testing.fake.FakeWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wt drops and writes into only the databases it marked as a worktree's: tested on a fake server. */
class DatabaseOwnershipTest {

  static final String TOML = """
      [postgres]
      mode = "url"
      url = "postgresql://postgres@pg.fake:5432/postgres"

      [databases.app]
      env = "DATABASE_URL"
      fill = "empty"
      """;

  @TempDir Path tmp;

  private static String nameFor(String branch) {
    return "repo_" + WorktreeIdentity.derive(branch).slug();
  }

  @Test
  void only_a_template_wt_built_itself_names_its_project_for_gc() {
    String key = "1a2b3c4d";
    assertEquals(java.util.Optional.of("a:template"),
        DatabasePlan.autoTemplateProject(DatabasePlan.autoTemplateComment("a:template", key), key));
    assertEquals(java.util.Optional.of("shop"), DatabasePlan.autoTemplateProject(
        dev.wt.core.OwnedDatabase.unfinished(DatabasePlan.autoTemplateComment("shop", key)), key), "a build's staging copy");
    for (String other : new String[] {null, "template", "wt::template (repo " + key + ")",
        DatabasePlan.templateComment("shop", key), // the user's own (refresh, pull --into template)
        dev.wt.core.OwnedDatabase.unfinished(DatabasePlan.templateComment("shop", key)),
        DatabasePlan.autoTemplateComment("shop", "ffffffff"),
        dev.wt.core.OwnedDatabase.ownerComment("shop", WorktreeIdentity.derive("feat/x").slug(), key)}) {
      assertEquals(java.util.Optional.empty(), DatabasePlan.autoTemplateProject(other, key), other);
    }
  }


  @Test
  void up_refuses_a_database_of_the_worktrees_name_that_wt_did_not_mark_and_makes_nothing() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.postgres.existing(FakeWorld.PG, nameFor("feat/login"), "the user's own");

    WtException e = assertThrows(WtException.class, () -> w.up("feat/login"));

    assertEquals(ExitCode.REFUSED, e.exitCode());
    assertTrue(e.getMessage().contains("not marked as this worktree's"), e.getMessage());
    assertTrue(w.state.all().isEmpty());
    assertFalse(w.git.localBranchExists(w.main(), "feat/login"));
    assertFalse(Files.exists(tmp.resolve("repo-login")));
    assertEquals("the user's own", w.postgres.database(FakeWorld.PG, nameFor("feat/login")).orElseThrow().comment());
  }

  @Test
  void teardown_leaves_a_database_whose_mark_is_no_longer_the_worktrees() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    var up = w.up("feat/login");
    String name = up.record().databases().get(0).database();
    // someone took the database over (renamed theirs to this name, or re-marked it)
    w.postgres.existing(FakeWorld.PG, name, "someone else's");

    w.teardown().release(repoOf(w), up.record(), w.reporter);

    assertTrue(w.postgres.database(FakeWorld.PG, name).isPresent());
    assertTrue(w.reporter.said("left in place, it is not marked as this worktree's"));
    assertTrue(w.postgres.dropped().isEmpty());
  }

  @Test
  void a_database_created_by_a_setup_cut_off_before_its_mark_is_adopted_by_the_next_setup() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    var up = w.up("feat/login");
    String name = up.record().databases().get(0).database();
    w.postgres.existing(FakeWorld.PG, name, null); // CREATE ran, COMMENT did not

    w.up("feat/login");

    assertTrue(w.postgres.database(FakeWorld.PG, name).orElseThrow().comment().startsWith("wt:repo:"));
    assertTrue(w.reporter.said("adopted (created by an interrupted setup)"));
  }

  @Test
  void an_unmarked_database_of_a_name_wt_never_recorded_is_not_adopted() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    var up = w.up("feat/login");
    String name = up.record().databases().get(0).database();
    w.state.save(up.record().withDatabases(java.util.List.of())); // the record never knew it
    w.postgres.existing(FakeWorld.PG, name, null);

    assertThrows(WtException.class, () -> w.up("feat/login"));
    assertEquals(null, w.postgres.database(FakeWorld.PG, name).orElseThrow().comment());
  }

  @Test
  void down_drops_exactly_the_worktrees_databases_and_no_other() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.postgres.existing(FakeWorld.PG, "repo", null); // the main checkout's database
    var a = w.up("feat/a");
    var b = w.up("feat/b");

    w.down("feat/a", false);

    assertEquals(java.util.List.of(a.record().databases().get(0).database()), w.postgres.dropped());
    assertTrue(w.postgres.database(FakeWorld.PG, b.record().databases().get(0).database()).isPresent());
    assertTrue(w.postgres.database(FakeWorld.PG, "repo").isPresent());
  }

  private static dev.wt.app.Repo repoOf(FakeWorld w) {
    return dev.wt.app.Repo.open(w.services(), w.main());
  }
}
