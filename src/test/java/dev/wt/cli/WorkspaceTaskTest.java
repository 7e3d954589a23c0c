package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task across the repositories of a workspace (wt-workspace.toml) in url mode on the local
 * server: one worktree per repository on the task's branch, a failing repository leaves the others
 * done (exit 4, a line each) and a re-run finishes, down removes the task from every repository.
 */
class WorkspaceTaskTest {

  private static final String CONFIG = "[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres@127.0.0.1:5432/postgres\"\n"
      + "[ports]\ncount = 1\n";

  @TempDir Path tmp;
  private Path ws;
  private Map<String, String> env;

  @BeforeEach
  void workspace() throws Exception {
    ws = tmp.resolve("ws");
    GitRepo.create(ws, "backend").write("wt.toml", "project = \"tbackend\"\n" + CONFIG).commitAll("cfg");
    GitRepo.create(ws, "app").write("wt.toml", "project = \"tapp\"\n" + CONFIG).commitAll("cfg");
    Files.writeString(ws.resolve("wt-workspace.toml"), "[repos]\nbackend = \"backend\"\napp = \"app\"\ndocs = \"docs\"\n");
    env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "1");
  }

  @Test
  void a_task_spans_the_repositories_a_failing_one_is_finished_by_a_rerun_and_down_removes_all() throws Exception {
    WtRun.in(ws, env, "up", "feat/t1", "--repos", "backend,app").ok();
    assertTrue(Files.isDirectory(ws.resolve("backend-t1")));
    assertTrue(Files.isDirectory(ws.resolve("app-t1")));
    assertTrue(Files.readString(ws.resolve("backend-t1/.env.development.local")).contains("WT_SLUG="));

    // docs is listed but not there yet: the others are done, exit 4 with a line per repository
    WtRun all = WtRun.in(ws, env, "up", "feat/t1").expect(4);
    assertTrue(all.out().lines().anyMatch(l -> l.startsWith("backend") && l.contains("done")), all.out());
    assertTrue(all.out().lines().anyMatch(l -> l.startsWith("docs") && l.contains("FAILED")), all.out());
    assertTrue(all.err().contains("docs"), all.err());

    GitRepo.create(ws, "docs").write("wt.toml", "project = \"tdocs\"\n" + CONFIG).commitAll("cfg");
    WtRun again = WtRun.in(ws, env, "up", "feat/t1").ok();
    assertEquals(3, again.out().lines().filter(l -> l.contains(" done ")).count(), again.out());
    assertTrue(Files.isDirectory(ws.resolve("docs-t1")));

    WtRun tasks = WtRun.in(tmp, env, "list", "--tasks", "-W", ws.toString()).ok();
    assertTrue(tasks.out().contains("feat/t1 backend,app,docs") || tasks.out().matches("(?s).*feat/t1\\s+backend,app,docs.*"),
        tasks.out());

    // from inside a repository, wt up stays a single-repository command
    WtRun.in(ws.resolve("backend"), env, "up", "feat/solo").ok();
    assertFalse(Files.exists(ws.resolve("app-solo")));

    WtRun down = WtRun.in(ws, env, "down", "feat/t1").ok();
    assertEquals(3, down.out().lines().filter(l -> l.contains(" done ")).count(), down.out());
    for (String r : new String[] {"backend", "app", "docs"}) {
      assertFalse(Files.exists(ws.resolve(r + "-t1")), r + ": " + down.out() + down.err());
    }
    WtRun.in(ws.resolve("backend"), env, "down", "feat/solo").ok();
  }

  @Test
  void an_unknown_repository_name_is_a_usage_error() {
    WtRun r = WtRun.in(ws, env, "up", "feat/x", "--repos", "nope");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("nope"), r.err());
  }
}
