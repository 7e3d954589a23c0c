package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.Checks;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.TaskWorkspace;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's primary worktree lends its ports and databases to the other repositories' worktrees:
 * a single-repository down, teardown or gc in the primary's repository refuses (or keeps them)
 * while such a worktree exists, and gc in a borrowing repository drops nothing it does not own.
 */
class TaskLentResourcesTest {

  private static final String CONFIG = "[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres@127.0.0.1:5432/postgres\"\n"
      + "[ports]\ncount = 1\n";
  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private Path ws;
  private Map<String, String> env;

  @BeforeEach
  void workspace() throws Exception {
    ws = TaskWorkspace.create(tmp, "tlend", CONFIG);
    // the build turns databases off for tests (WT_PG_MODE=none); this one is about them
    env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "1", "WT_PG_MODE", "url",
        "WT_PG_URL", PG.adminUrl());
  }

  @AfterEach
  void dropLeftovers() {
    PG.dropAll("tlendback_");
    PG.dropAll("tlendapp_");
  }

  @Test
  void down_and_teardown_in_the_primary_refuse_while_the_other_worktree_uses_them_and_force_releases() throws Exception {
    WtRun.in(ws, env, "up", "feat/l1").ok();
    List<String> dbs = taskDatabases("l1");
    assertEquals(1, dbs.size(), dbs.toString());
    String port = port(ws.resolve("backend-l1"));

    WtRun down = WtRun.in(ws.resolve("backend"), env, "down", "feat/l1").expect(1);
    assertRefusal(down, "which " + ws.toRealPath().resolve("app-l1") + " still uses; nothing was removed",
        "wt down feat/l1 in the workspace's folder");
    assertTrue(down.err().contains("--force"), down.err());
    assertKept("l1", dbs, port);

    WtRun teardown = WtRun.in(ws.resolve("backend-l1"), env, "teardown").expect(1);
    assertRefusal(teardown, "still uses; nothing was removed", "wt teardown --force");
    assertKept("l1", dbs, port);
    assertTrue(Files.exists(ws.resolve("backend-l1/.env.development.local")), "its env file stays");

    // --force does what it did before: the primary goes, with the task's database and port
    WtRun.in(ws.resolve("backend"), env, "down", "feat/l1", "--force").ok();
    assertFalse(Files.exists(ws.resolve("backend-l1")));
    assertEquals(List.of(), taskDatabases("l1"));
    assertFalse(Files.exists(claim(port)));
    WtRun.in(ws.resolve("app"), env, "down", "feat/l1", "--force").ok();
  }

  @Test
  void uncommitted_work_in_the_primary_is_refused_before_the_borrowers_whose_hint_offers_force() throws Exception {
    WtRun.in(ws, env, "up", "feat/l7").ok();
    Files.writeString(ws.resolve("backend-l7/notes.txt"), "important\n");
    WtRun down = WtRun.in(ws.resolve("backend"), env, "down", "feat/l7").expect(1);
    assertTrue(down.err().contains("uncommitted") && down.err().contains("notes.txt"), down.err());
    assertFalse(down.err().contains("still uses"), down.err());
    assertTrue(Files.exists(ws.resolve("backend-l7/notes.txt")));
    Files.delete(ws.resolve("backend-l7/notes.txt"));
    WtRun.in(ws, env, "down", "feat/l7").ok();
  }

  @Test
  void once_the_other_worktree_is_gone_the_primary_goes_alone_and_down_task_still_takes_both() throws Exception {
    WtRun.in(ws, env, "up", "feat/l2").ok();
    WtRun.in(ws.resolve("app"), env, "down", "feat/l2").ok();
    WtRun.in(ws.resolve("backend"), env, "down", "feat/l2").ok();
    assertEquals(List.of(), taskDatabases("l2"));

    WtRun.in(ws, env, "up", "feat/l3").ok();
    WtRun both = WtRun.in(ws, env, "down", "feat/l3").ok();
    assertEquals(2, both.out().lines().filter(l -> l.contains(" done ")).count(), both.out());
    assertEquals(List.of(), taskDatabases("l3"));
  }

  @Test
  void a_primary_with_nothing_allocated_yet_lends_nothing_and_goes_alone() {
    WtRun.in(ws, env, "up", "feat/l6", "--no-setup").ok();
    assertTrue(Files.isDirectory(ws.resolve("app-l6")));
    WtRun.in(ws.resolve("backend"), env, "down", "feat/l6").ok();
    assertFalse(Files.exists(ws.resolve("backend-l6")));
    WtRun.in(ws.resolve("app"), env, "down", "feat/l6").ok();
  }

  @Test
  void a_borrower_moved_with_git_worktree_move_still_keeps_them_where_it_went() throws Exception {
    WtRun.in(ws, env, "up", "feat/t1").ok();
    List<String> dbs = taskDatabases("t1");
    String port = port(ws.resolve("backend-t1"));
    GitRepo.gitIn(ws.resolve("app"), "worktree", "move", "../app-t1", "../app-moved");
    assertTrue(Files.readString(ws.resolve("app-moved/.env.development.local")).contains(dbs.get(0)));

    WtRun down = WtRun.in(ws.resolve("backend"), env, "down", "feat/t1").expect(1);
    assertRefusal(down, "which " + ws.toRealPath().resolve("app-moved") + " still uses; nothing was removed",
        "wt down feat/t1 in the workspace's folder");
    assertKept("t1", dbs, port);
    assertTrue(Files.isDirectory(ws.resolve("backend-t1")));

    WtRun.in(ws.resolve("backend"), env, "down", "feat/t1", "--force").ok();
    WtRun.in(ws.resolve("app"), env, "down", "feat/t1", "--force").ok();
  }

  @Test
  void a_folder_made_again_where_git_removed_the_borrower_keeps_nothing() throws Exception {
    WtRun.in(ws, env, "up", "feat/t2").ok();
    String port = port(ws.resolve("backend-t2"));
    GitRepo.gitIn(ws.resolve("app"), "worktree", "remove", "../app-t2");
    Files.createDirectory(ws.resolve("app-t2")); // an editor still open on it writes it back

    WtRun.in(ws.resolve("backend"), env, "down", "feat/t2").ok();
    assertFalse(Files.exists(ws.resolve("backend-t2")));
    assertEquals(List.of(), taskDatabases("t2"));
    assertFalse(Files.exists(claim(port)));
  }

  @Test
  void gc_keeps_a_gone_primarys_database_and_port_while_the_other_worktree_uses_them() throws Exception {
    WtRun.in(ws, env, "up", "feat/l4").ok();
    List<String> dbs = taskDatabases("l4");
    String port = port(ws.resolve("backend-l4"));
    Checks.deleteRecursively(ws.resolve("backend-l4")); // by hand, behind wt's back

    WtRun gc = WtRun.in(ws.resolve("backend"), env, "gc", "--yes", "--json").ok();
    JsonNode items = Checks.json(gc).get("items");
    assertTrue(items.toString().contains("kept, its ports and databases are still used by"), items.toString());
    assertEquals(0, Checks.json(gc).get("counts").get("database").asInt(), items.toString());
    assertKept("l4", dbs, port);

    // the app's worktree goes: now the primary's leftovers are nobody's, and gc releases them
    WtRun.in(ws.resolve("app"), env, "down", "feat/l4").ok();
    assertKept("l4", dbs, port);
    WtRun.in(ws.resolve("backend"), env, "gc", "--yes").ok();
    assertEquals(List.of(), taskDatabases("l4"));
    assertFalse(Files.exists(claim(port)));
  }

  @Test
  void list_says_gc_keeps_a_gone_primary_while_the_other_worktree_uses_it_not_that_gc_releases_it() throws Exception {
    WtRun.in(ws, env, "up", "feat/l8").ok();
    Checks.deleteRecursively(ws.resolve("backend-l8"));
    String borrower = ws.toRealPath().resolve("app-l8").toString();

    WtRun list = WtRun.in(ws.resolve("backend"), env, "list").ok();
    assertFalse(list.err().contains("wt gc --yes releases it"), list.err());
    assertTrue(list.err().contains("hint: feat/l8 is missing but wt gc keeps its ports and databases while " + borrower
        + " uses them; wt down feat/l8 in the workspace takes the whole task down"), list.err());
    JsonNode row = Checks.json(WtRun.in(ws.resolve("backend"), env, "list", "--json").ok()).get("worktrees").get(1);
    assertEquals("missing", row.get("status").asText(), row.toString());
    assertEquals(borrower, row.at("/usedBy/0").asText(), row.toString());
    GitRepo.gitIn(ws.resolve("backend"), "worktree", "prune"); // git forgets it too: only wt's record is left
    WtRun pruned = WtRun.in(ws.resolve("backend"), env, "list").ok();
    assertFalse(pruned.err().contains("wt gc --yes releases it"), pruned.err());
    assertTrue(pruned.err().contains("hint: feat/l8 is gone but wt gc keeps its ports and databases while " + borrower),
        pruned.err());

    // once the borrower is gone, list says what gc does again
    WtRun.in(ws.resolve("app"), env, "down", "feat/l8").ok();
    WtRun after = WtRun.in(ws.resolve("backend"), env, "list").ok();
    assertTrue(after.err().contains("wt gc --yes releases it"), after.err());
    assertFalse(after.err().contains("keeps its ports"), after.err());
    WtRun.in(ws.resolve("backend"), env, "gc", "--yes").ok();
  }

  @Test
  void gc_in_the_borrowing_repository_drops_nothing_of_a_gone_primary() throws Exception {
    WtRun.in(ws, env, "up", "feat/l5").ok();
    List<String> dbs = taskDatabases("l5");
    String port = port(ws.resolve("backend-l5"));
    Checks.deleteRecursively(ws.resolve("backend-l5"));
    Checks.deleteRecursively(ws.resolve("app-l5"));

    WtRun gc = WtRun.in(ws.resolve("app"), env, "gc", "--yes", "--json").ok();
    assertEquals(1, Checks.json(gc).get("counts").get("record").asInt(), gc.out());
    assertKept("l5", dbs, port);

    WtRun.in(ws.resolve("backend"), env, "gc", "--yes").ok();
    assertEquals(List.of(), taskDatabases("l5"));
    assertFalse(Files.exists(claim(port)));
  }

  private void assertKept(String task, List<String> dbs, String port) {
    assertEquals(dbs, taskDatabases(task));
    assertTrue(Files.exists(claim(port)), "port " + port + " is still claimed");
  }

  private Path claim(String port) {
    return tmp.resolve("state/wt/ports/" + port + ".port");
  }

  private static List<String> taskDatabases(String task) {
    return PG.databases().stream().filter(d -> d.startsWith("tlendback_") || d.startsWith("tlendapp_"))
        .filter(d -> d.contains(task + "_")).toList();
  }

  private static String port(Path worktree) throws Exception {
    Matcher m = Pattern.compile("(?m)^WT_PORT=\"?(\\d+)").matcher(Files.readString(worktree.resolve(".env.development.local")));
    assertTrue(m.find(), worktree.toString());
    return m.group(1);
  }
}
