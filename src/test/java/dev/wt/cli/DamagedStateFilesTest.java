package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.TaskWorkspace;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state file that is not a plain file (a FIFO, or a link to one) is refused with a message naming
 * it, never opened to read: opening a FIFO waits for a writer forever, and wt would hang.
 */
class DamagedStateFilesTest {

  /** Far longer than any of these commands takes; a hang is what fails. */
  private static final Duration HANG = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private Path ws;
  private Map<String, String> env;

  @BeforeEach
  void workspace() throws Exception {
    ws = TaskWorkspace.create(tmp, "dsf", "[ports]\ncount = 1\n");
    env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "1");
  }

  @Test
  void a_borrowers_record_linked_to_a_fifo_is_refused_by_the_primarys_down_instead_of_hanging() throws Exception {
    WtRun.in(ws, env, "up", "feat/f1").ok();
    Path record = onlyRecord(ws.resolve("app/.git/wt/worktrees"));
    Path fifo = fifo(tmp.resolve("elsewhere.fifo"));
    Files.delete(record);
    Files.createSymbolicLink(record, fifo);

    WtRun down = assertTimeoutPreemptively(HANG, () -> WtRun.in(ws.resolve("backend"), env, "down", "feat/f1").expect(3));

    assertRefusal(down, "cannot read wt state " + record + ": not a regular file (a symlink to a device or FIFO)",
        "fix or delete that file");
    assertTrue(Files.isDirectory(ws.resolve("backend-f1")), "nothing was removed");
  }

  @Test
  void a_record_that_is_a_fifo_is_refused_by_list_instead_of_hanging() throws Exception {
    WtRun.in(ws.resolve("backend"), env, "up", "feat/f2").ok();
    Path record = onlyRecord(ws.resolve("backend/.git/wt/worktrees"));
    Files.delete(record);
    fifo(record);

    WtRun list = assertTimeoutPreemptively(HANG, () -> WtRun.in(ws.resolve("backend"), env, "list").expect(3));

    assertRefusal(list, "cannot read wt state " + record + ": not a regular file (a device or FIFO)",
        "fix or delete that file");
  }

  @Test
  void a_port_claim_that_is_a_fifo_is_passed_over_by_gc_instead_of_hanging() throws Exception {
    Path claims = Files.createDirectories(tmp.resolve("state/wt/ports"));
    fifo(claims.resolve("45678.port"));

    WtRun gc = assertTimeoutPreemptively(HANG, () -> WtRun.in(ws.resolve("backend"), env, "gc").ok());

    assertTrue(Files.exists(claims.resolve("45678.port")), "not wt's to remove\n" + gc.out() + gc.err());
  }

  @Test
  void an_env_cache_that_is_a_fifo_is_passed_over_by_env_instead_of_hanging() throws Exception {
    WtRun.in(ws.resolve("backend"), env, "up", "feat/f3").ok();
    Path cache = ws.resolve("backend/.git/worktrees/backend-f3/wt-env");
    Files.deleteIfExists(cache);
    fifo(cache);

    WtRun vars = assertTimeoutPreemptively(HANG, () -> WtRun.in(ws.resolve("backend-f3"), env, "env").ok());

    assertTrue(vars.out().contains("WT_PORT="), vars.out());
  }

  @Test
  void a_slug_marker_holding_a_nul_names_nothing_instead_of_crashing_env_and_list() throws Exception {
    WtRun.in(ws.resolve("backend"), env, "up", "feat/s1").ok();
    Files.writeString(ws.resolve("backend/.git/worktrees/backend-s1/wt-slug"), "s1\u0000x\n");
    Files.deleteIfExists(ws.resolve("backend/.git/worktrees/backend-s1/wt-env"));

    WtRun vars = WtRun.in(ws.resolve("backend-s1"), env, "env");
    assertTrue(vars.exitCode() != 5, vars.err());
    WtRun list = WtRun.in(ws.resolve("backend"), env, "list");
    assertTrue(list.exitCode() != 5, list.err());
  }

  @Test
  void a_record_whose_paths_hold_a_nul_is_refused_as_damaged_state_naming_the_file() throws Exception {
    WtRun.in(ws, env, "up", "feat/n1").ok();
    Path own = onlyRecord(ws.resolve("backend/.git/wt/worktrees"));
    String folder = ws.toRealPath().resolve("backend-n1").toString();
    Files.writeString(own, Files.readString(own).replace("\"" + folder + "\"", "\"" + folder + "\\u0000x\""));

    for (String[] args : new String[][] {{"list"}, {"gc", "--yes"}, {"down", "feat/n1", "--force"}}) {
      assertRefusal(WtRun.in(ws.resolve("backend"), env, args).expect(3),
          "cannot read wt state " + own + ": path holds a NUL character", "fix or delete that file");
    }

    // a borrower's record: the primary's down names that file
    Path borrowed = onlyRecord(ws.resolve("app/.git/wt/worktrees"));
    Files.writeString(borrowed, Files.readString(borrowed)
        .replaceFirst("(\"mainPath\"\\s*:\\s*\")", "$1" + Matcher.quoteReplacement("\\u0000")));
    Files.writeString(own, Files.readString(own).replace("\\u0000x", ""));
    assertRefusal(WtRun.in(ws.resolve("backend"), env, "down", "feat/n1").expect(3),
        "cannot read wt state " + borrowed + ": mainPath holds a NUL character", "fix or delete that file");
    assertTrue(Files.isDirectory(ws.resolve("backend-n1")), "nothing was removed");
  }

  private static Path onlyRecord(Path records) throws Exception {
    try (var files = Files.list(records)) {
      var json = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, json.size(), json.toString());
      return json.get(0);
    }
  }

  private static Path fifo(Path at) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", at.toString()).start();
    assertEquals(0, mk.waitFor());
    return at;
  }
}
