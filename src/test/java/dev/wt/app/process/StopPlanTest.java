package dev.wt.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.port.ProcessTable.Proc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopPlanTest {

  private static final Path WT = Path.of("/work/app-feat");
  private static final Path OUT = Path.of("/work/app");

  private static Proc proc(long pid, long ppid, long pgid, Path cwd, String command) {
    return new Proc(pid, ppid, pgid, pgid, false, cwd, command, pid * 10);
  }

  @Test
  void a_group_wholly_inside_is_signalled_as_a_group() {
    List<Proc> all = List.of(
        proc(1, 0, 1, Path.of("/"), "init"),
        proc(100, 1, 100, WT, "npm run dev"),
        proc(101, 100, 100, WT.resolve("web"), "next dev"),
        proc(500, 1, 500, OUT, "wt stop"));
    StopPlan plan = StopPlan.of(all, 500, WT, List.of());
    assertEquals(List.of(100L), plan.groups());
    assertEquals(List.of(), plan.pids());
    assertEquals(2, plan.targets().size());
  }

  @Test
  void a_group_that_also_holds_outside_processes_is_signalled_pid_by_pid() {
    List<Proc> all = List.of(
        proc(200, 1, 200, OUT, "sh"),
        proc(201, 200, 200, WT, "sleep 600"),
        proc(202, 200, 200, OUT, "sleep 600"),
        proc(500, 1, 500, OUT, "wt stop"));
    StopPlan plan = StopPlan.of(all, 500, WT, List.of());
    assertEquals(List.of(), plan.groups());
    assertEquals(List.of(201L), plan.pids());
  }

  @Test
  void wt_its_ancestors_and_their_groups_are_never_signalled_as_such() {
    List<Proc> all = List.of(
        proc(300, 1, 300, WT, "bash script.sh"),
        proc(301, 300, 300, WT, "node server.js"),
        proc(302, 300, 300, WT, "wt down"));
    StopPlan plan = StopPlan.of(all, 302, WT, List.of());
    assertEquals(List.of(), plan.groups(), "the group holds wt's own parent");
    assertEquals(List.of(301L), plan.pids());
    assertEquals(2, plan.spared().size());
  }

  @Test
  void interactive_shells_nested_worktrees_and_the_cache_builder_are_spared() {
    Proc shell = new Proc(400, 1, 400, 400, true, WT, "-zsh", 1);
    List<Proc> all = List.of(
        shell,
        new Proc(401, 400, 401, 400, true, WT, "npm run dev", 2),
        new Proc(405, 400, 405, 400, true, WT, "/usr/bin/nvim src/app.ts", 3),
        proc(402, 1, 402, WT.resolve("nested/wt"), "sleep 600"),
        proc(403, 1, 403, WT, "java -jar /usr/local/bin/wt __warm"),
        proc(404, 1, 404, Path.of("/work/app-feature"), "sleep 600"));
    StopPlan plan = StopPlan.of(all, 999, WT, List.of(WT.resolve("nested")));
    assertEquals(List.of(401L), plan.groups());
    assertTrue(plan.spared().stream().anyMatch(s -> s.proc().pid() == 400 && s.reason().contains("interactive")));
    assertTrue(plan.spared().stream().anyMatch(s -> s.proc().pid() == 403));
    assertTrue(plan.spared().stream().anyMatch(s -> s.proc().pid() == 405 && s.reason().contains("editor")),
        "an editor on a terminal may hold unsaved work");
    assertEquals(1, plan.targets().size(), "a sibling folder with a longer name is not inside");
  }

  @Test
  void a_second_round_only_targets_what_the_first_did_not_handle() {
    Proc old = proc(600, 1, 600, WT, "node server.js");
    Proc respawned = proc(601, 1, 601, WT, "node server.js");
    StopPlan again = StopPlan.of(List.of(old, respawned), 999, WT, List.of());
    StopPlan rest = again.without(List.of(old));
    assertEquals(List.of(respawned), rest.targets());
    assertEquals(List.of(601L), rest.groups());
  }
}
