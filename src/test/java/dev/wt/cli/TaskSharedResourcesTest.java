package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
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
 * The repositories of a task share one port block and one set of databases, held by the primary
 * repository's worktree (url mode on the local server): each repository writes them through its
 * own wt.toml, one database exists for the task, a single-repository down of another repository's
 * worktree drops nothing, and wt down TASK removes every worktree and the database once.
 */
class TaskSharedResourcesTest {

  private static final String CONFIG = "[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres@127.0.0.1:5432/postgres\"\n"
      + "[ports]\ncount = 1\n";
  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private Path ws;
  private GitRepo backend;
  private GitRepo app;
  private Map<String, String> env;

  @BeforeEach
  void workspace() throws Exception {
    ws = tmp.resolve("ws");
    backend = GitRepo.create(ws, "backend");
    backend.write("wt.toml", "project = \"tshback\"\n" + CONFIG + "[env]\nfile = \".env.test\"\n").commitAll("cfg");
    app = GitRepo.create(ws, "app");
    app.write("constants.ts.tmpl", "export const API = 'http://localhost:${WT_PORT}';\nexport const DB = '${DATABASE_URL}';\n")
        .write("wt.toml", "project = \"tshapp\"\n" + CONFIG
            + "[[files.template]]\nsource = \"constants.ts.tmpl\"\ntarget = \"src/constants.ts\"\n")
        .commitAll("cfg");
    // app first in the file: primary names the owner of the task's resources
    Files.writeString(ws.resolve("wt-workspace.toml"), "primary = \"backend\"\n[repos]\napp = \"app\"\nbackend = \"backend\"\n");
    // the build turns databases off for tests (WT_PG_MODE=none); this one is about them
    env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "1", "WT_PG_MODE", "url",
        "WT_PG_URL", PG.adminUrl());
  }

  @AfterEach
  void dropLeftovers() {
    PG.dropAll("tshback_");
    PG.dropAll("tshapp_");
  }

  @Test
  void the_repositories_of_a_task_share_its_port_and_database_and_down_releases_them_once() throws Exception {
    WtRun up = WtRun.in(ws, env, "up", "feat/s1").ok();
    assertEquals(2, up.out().lines().filter(l -> l.contains(" done ")).count(), up.out());
    String backendEnv = Files.readString(ws.resolve("backend-s1/.env.test"));
    String appEnv = Files.readString(ws.resolve("app-s1/.env.development.local"));
    String port = value(backendEnv, "WT_PORT");
    String url = value(backendEnv, "DATABASE_URL");
    assertEquals(port, value(appEnv, "WT_PORT"), appEnv);
    assertEquals(url, value(appEnv, "DATABASE_URL"), appEnv);
    assertEquals("export const API = 'http://localhost:" + port + "';\nexport const DB = '" + url + "';\n",
        Files.readString(ws.resolve("app-s1/src/constants.ts")));
    List<String> dbs = taskDatabases();
    assertEquals(1, dbs.size(), dbs.toString());
    assertTrue(url.endsWith("/" + dbs.get(0)), url + " vs " + dbs);

    // a re-run changes nothing: still one database, the same port
    WtRun.in(ws, env, "up", "feat/s1").ok();
    assertEquals(dbs, taskDatabases());
    assertEquals(port, value(Files.readString(ws.resolve("app-s1/.env.development.local")), "WT_PORT"));

    // the app's worktree alone, a single-repository down in the app repository: the task's database stays
    WtRun.in(ws.resolve("app"), env, "down", "feat/s1", "--force").ok();
    assertFalse(Files.exists(ws.resolve("app-s1")));
    assertEquals(dbs, taskDatabases());
    assertTrue(Files.isDirectory(ws.resolve("backend-s1")));

    // --repos app brings it back, sharing the backend's again
    WtRun.in(ws, env, "up", "feat/s1", "--repos", "app").ok();
    assertEquals(url, value(Files.readString(ws.resolve("app-s1/.env.development.local")), "DATABASE_URL"));
    assertEquals(dbs, taskDatabases());

    WtRun down = WtRun.in(ws, env, "down", "feat/s1").ok();
    assertEquals(2, down.out().lines().filter(l -> l.contains(" done ")).count(), down.out());
    assertFalse(Files.exists(ws.resolve("backend-s1")), down.out() + down.err());
    assertFalse(Files.exists(ws.resolve("app-s1")), down.out() + down.err());
    assertEquals(List.of(), taskDatabases());
    assertFalse(down.err().contains("left in place"), down.err());
  }

  @Test
  void down_push_of_a_task_pushes_each_repositorys_branch_to_its_remote_then_removes_every_worktree() throws Exception {
    Path backendOrigin = GitRepo.bareOrigin(tmp, "backend.git", backend);
    backend.git("remote", "add", "origin", "file://" + backendOrigin);
    backend.git("fetch", "-q", "origin");
    Path appOrigin = GitRepo.bareOrigin(tmp, "app.git", app);
    app.git("remote", "add", "origin", "file://" + appOrigin);
    app.git("fetch", "-q", "origin");
    WtRun.in(ws, env, "up", "feat/p1").ok();
    String backendSha = commit(ws.resolve("backend-p1"), "api.txt", "the task's api change");
    String appSha = commit(ws.resolve("app-p1"), "ui.txt", "the task's ui change");

    WtRun down = WtRun.in(ws, env, "down", "feat/p1", "--push").ok();

    assertEquals(backendSha, GitRepo.gitIn(tmp, "--git-dir", backendOrigin.toString(), "rev-parse", "refs/heads/feat/p1").strip(),
        "the backend's commit is on its remote\n" + down.out() + down.err());
    assertEquals(appSha, GitRepo.gitIn(tmp, "--git-dir", appOrigin.toString(), "rev-parse", "refs/heads/feat/p1").strip(),
        "the app's commit is on its remote");
    assertFalse(Files.exists(ws.resolve("backend-p1")), down.out() + down.err());
    assertFalse(Files.exists(ws.resolve("app-p1")), down.out() + down.err());
    assertEquals(List.of(), PG.databases().stream().filter(d -> d.startsWith("tshback_") || d.startsWith("tshapp_"))
        .filter(d -> d.contains("p1")).toList(), "the task's database is dropped once both are gone");
  }

  private static String commit(Path worktree, String file, String message) throws Exception {
    Files.writeString(worktree.resolve(file), message + "\n");
    GitRepo.gitIn(worktree, "add", file);
    GitRepo.gitIn(worktree, "commit", "-q", "-m", message);
    return GitRepo.gitIn(worktree, "rev-parse", "HEAD").strip();
  }

  private static List<String> taskDatabases() {
    return PG.databases().stream().filter(d -> d.startsWith("tshback_") || d.startsWith("tshapp_"))
        .filter(d -> d.contains("s1")).toList();
  }

  private static String value(String envFile, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "=\"?([^\"\\n]*)\"?$").matcher(envFile);
    assertTrue(m.find(), key + " in " + envFile);
    return m.group(1);
  }

  @Test
  void a_primary_that_names_no_repository_is_refused_before_anything_is_made() throws Exception {
    Files.writeString(ws.resolve("wt-workspace.toml"), "primary = \"api\"\n[repos]\napp = \"app\"\nbackend = \"backend\"\n");
    WtRun r = WtRun.in(ws, env, "up", "feat/s2");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("primary = \"api\""), r.err());
    assertFalse(Files.exists(ws.resolve("backend-s2")));
  }
}
