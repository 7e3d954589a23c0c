package dev.wt.app.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ExitCode;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.testing.fake.FakeWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of up, setup, down and teardown on fakes (no git, no PostgreSQL, no CLI): what they
 * make, that each can be repeated, and that down refuses to lose the user's work.
 */
class UpDownRulesTest {

  static final String TOML = """
      [ports]
      count = 2
      range = [41000, 41999]

      [postgres]
      mode = "url"
      url = "postgresql://postgres@pg.fake:5432/postgres"
      """;

  @TempDir Path tmp;

  private static String database(WorktreeRecord r) {
    return r.databases().get(0).database();
  }

  @Test
  void up_makes_the_worktree_its_record_ports_and_a_database_marked_as_its_own() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result r = w.up("feat/login");

    assertTrue(r.created());
    assertTrue(Files.isDirectory(r.path()));
    WorktreeRecord record = w.state.bySlug(r.record().slug()).orElseThrow();
    assertEquals(2, record.ports().size());
    assertFalse(record.setupPending());
    String comment = w.postgres.database(FakeWorld.PG, database(record)).orElseThrow().comment();
    assertTrue(comment.startsWith("wt:repo:" + record.slug() + " (repo "), comment);
  }

  @Test
  void a_checkout_that_fails_gives_back_the_ports_up_took_before_it() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    List<List<Integer>> recordedBeforeCheckout = new java.util.ArrayList<>();
    w.git.beforeAdd(() -> {
      recordedBeforeCheckout.add(w.state.all().get(0).ports());
      throw WtException.environment("disk full", "free some space");
    });

    assertThrows(WtException.class, () -> w.up("feat/login"));

    assertEquals(2, recordedBeforeCheckout.get(0).size(), "the ports are the record's before the checkout");
    assertEquals(java.util.Map.of(), w.ports.all(), "a claim outlived the failed up");
    assertEquals(List.of(), w.state.all());
  }

  @Test
  void up_twice_gives_the_same_worktree_ports_and_database_and_changes_nothing() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result first = w.up("feat/login");
    var databases = w.postgres.names(FakeWorld.PG);

    UpUseCase.Result again = w.up("feat/login");

    assertFalse(again.created());
    assertEquals(first.path(), again.path());
    assertEquals(first.record().ports(), again.record().ports());
    assertEquals(first.record().databases(), again.record().databases());
    assertEquals(databases, w.postgres.names(FakeWorld.PG));
    assertFalse(again.setup().changed(), () -> again.setup().actions().toString());
  }

  @Test
  void setup_twice_runs_the_commands_once_and_the_second_changes_nothing() {
    FakeWorld w = new FakeWorld(tmp, TOML + "\n[setup]\ncommands = [\"make deps\"]\n");
    Path path = w.up("feat/login").path();

    SetupResult again = w.setup().setup(path, SetupUseCase.Options.plain(), w.reporter);

    assertFalse(again.changed(), () -> again.actions().toString());
    assertEquals(List.of("make deps"), w.commands.ran());
  }

  @Test
  void down_refuses_a_worktree_with_uncommitted_changes_and_leaves_everything() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");
    w.git.modify(up.path(), "README.md");

    WtException e = assertThrows(WtException.class, () -> w.down("feat/login", false));

    assertEquals(ExitCode.REFUSED, e.exitCode());
    assertTrue(e.getMessage().contains("uncommitted changes") && e.getMessage().contains("README.md"), e.getMessage());
    assertTrue(Files.isDirectory(up.path()));
    assertTrue(w.state.bySlug(up.record().slug()).isPresent());
    assertTrue(w.postgres.database(FakeWorld.PG, database(up.record())).isPresent());
  }

  @Test
  void down_refuses_an_untracked_file_but_not_the_env_file_wt_wrote() throws Exception {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");
    Files.writeString(up.path().resolve("notes.txt"), "mine");

    WtException e = assertThrows(WtException.class, () -> w.down("feat/login", false));

    assertTrue(e.getMessage().contains("notes.txt") && !e.getMessage().contains(".env"), e.getMessage());
  }

  @Test
  void down_refuses_commits_no_branch_holds_and_with_force_saves_them_under_refs() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");
    String sha = w.git.commitDetached(up.path(), "work in progress");

    WtException e = assertThrows(WtException.class, () -> w.down("feat/login", false));
    assertEquals(ExitCode.REFUSED, e.exitCode());
    assertTrue(e.getMessage().contains("1 commit") && e.getMessage().contains("work in progress"), e.getMessage());
    assertTrue(Files.isDirectory(up.path()));

    DownUseCase.Result down = w.down("feat/login", true);
    assertEquals(1, down.saved().size());
    assertEquals(sha, w.git.refsNow().get("refs/wt/saved/" + up.record().slug() + "/head"));
    assertFalse(Files.exists(up.path()));
  }

  @Test
  void down_deletes_a_merged_branch_wt_made_and_keeps_an_unmerged_one() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.up("feat/merged");
    w.up("feat/open");
    w.git.commit("feat/merged", "done");
    w.git.merge("feat/merged", "main");
    w.git.commit("feat/open", "not yet");

    assertEquals("deleted", w.down("feat/merged", false).branchOutcome());
    assertEquals("kept-unmerged", w.down("feat/open", false).branchOutcome());

    assertFalse(w.git.localBranchExists(w.main(), "feat/merged"));
    assertTrue(w.git.localBranchExists(w.main(), "feat/open"));
  }

  @Test
  void down_keeps_a_branch_the_user_made_even_when_merged() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.git.branch("topic", "main");
    w.up("topic");

    assertEquals("kept", w.down("topic", false).branchOutcome());
    assertTrue(w.git.localBranchExists(w.main(), "topic"));
  }

  @Test
  void down_releases_ports_database_and_record_and_moves_the_users_ignored_files_to_the_trash() throws Exception {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.git.ignore("*.log");
    UpUseCase.Result up = w.up("feat/login");
    Files.writeString(up.path().resolve("debug.log"), "kept for a week");

    DownUseCase.Result down = w.down("feat/login", false);

    assertEquals(1, down.trashedFiles());
    assertEquals("kept for a week", Files.readString(Path.of(down.trash()).resolve("debug.log")));
    assertFalse(Files.exists(up.path()));
    assertTrue(w.state.all().isEmpty());
    assertTrue(w.ports.all().isEmpty());
    assertFalse(w.postgres.database(FakeWorld.PG, database(up.record())).isPresent());
    assertTrue(w.git.worktrees(w.main()).stream().allMatch(e -> e.main()));
  }

  @Test
  void down_stops_the_processes_inside_the_worktree_and_no_others() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");
    long inside = w.processes.start(up.path().resolve("web"), "npm run dev");
    long outside = w.processes.start(w.main(), "npm run dev");

    w.down("feat/login", false);

    assertFalse(w.processes.running(inside));
    assertTrue(w.processes.running(outside));
  }

  @Test
  void down_after_the_folder_went_finishes_the_teardown_and_a_second_down_is_refused_without_harm() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");
    // an earlier down was cut off after git removed the worktree
    w.git.removeWorktree(w.main(), up.path(), true);

    DownUseCase.Result down = w.down("feat/login", false);

    assertFalse(down.worktreeRemoved());
    assertTrue(w.reporter.said("finishing its teardown"));
    assertTrue(w.state.all().isEmpty());
    assertFalse(w.postgres.database(FakeWorld.PG, database(up.record())).isPresent());
    WtException again = assertThrows(WtException.class, () -> w.down("feat/login", false));
    assertTrue(again.getMessage().startsWith("no worktree for"), again.getMessage());
  }

  @Test
  void teardown_twice_releases_once_and_then_finds_nothing() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result up = w.up("feat/login");

    TeardownUseCase.Result first = w.teardown().teardown(w.main(), up.path().toString(), false, w.reporter);
    List<String> dropped = w.postgres.dropped();
    TeardownUseCase.Result second = w.teardown().teardown(w.main(), up.path().toString(), false, w.reporter);

    assertEquals(up.record().slug(), first.slug());
    assertEquals(null, second.slug());
    assertEquals(dropped, w.postgres.dropped());
    assertTrue(Files.isDirectory(up.path())); // teardown releases; the folder is down's
    assertTrue(w.state.all().isEmpty());
  }
}
