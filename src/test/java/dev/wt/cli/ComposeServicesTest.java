package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ComposeProject;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [services] compose_file} on a real engine: a compose project per worktree started with the
 * worktree's ports and waited for until healthy, gated by trust, removed with its volumes by down
 * (only that project's) and by gc when the worktree is gone. The image comes from WT_TEST_PG_IMAGE
 * (../shared/docker/local-postgres-image.sh builds local/postgres:15 without a registry).
 */
class ComposeServicesTest {

  private static final String IMAGE = System.getenv().getOrDefault("WT_TEST_PG_IMAGE", "local/postgres:15");

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void engine() {
    Assumptions.assumeTrue(docker("info").ok, "no Docker engine answers (docker info failed): [services] cannot be "
        + "tested here; ../shared/docker/local-postgres-image.sh starts one");
    Assumptions.assumeTrue(docker("image", "inspect", IMAGE).ok, "image " + IMAGE + " is not available (set WT_TEST_PG_IMAGE)");
    // a project name of its own, so that parallel runs never see each other's compose projects
    project = "svc" + UUID.randomUUID().toString().substring(0, 6);
    repo = GitRepo.create(tmp, project);
    repo.write("docker-compose.worktree.yml", """
        services:
          db:
            image: %s
            environment:
              POSTGRES_PASSWORD: pw
            ports:
              - "127.0.0.1:${WT_PORT}:5432"
            volumes:
              - data:/var/lib/postgresql/data
            healthcheck:
              test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "postgres"]
              interval: 1s
              retries: 120
        volumes:
          data:
        """.formatted(IMAGE))
        .write("wt.toml", "project = \"" + project + "\"\n[postgres]\nmode = \"none\"\n[ports]\ncount = 1\n"
            + "[services]\ncompose_file = \"docker-compose.worktree.yml\"\n")
        .commitAll("services");
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "1"));
  }

  @AfterEach
  void removeWhatTheTestStarted() {
    if (project == null) {
      return;
    }
    for (String p : projects()) {
      if (p.startsWith(project + "_")) {
        for (String kind : List.of("container", "network", "volume")) {
          List<String> ids = ids(kind, p);
          if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", kind, "rm", "-f"));
            if (kind.equals("network")) {
              rm.remove("-f");
            }
            rm.addAll(ids);
            run(rm, null);
          }
        }
      }
    }
  }

  @Test
  void each_worktree_gets_its_own_healthy_project_and_down_removes_only_its_volumes() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/a").ok();
    WtRun.in(repo.root(), env, "up", "feat/b").ok();
    String a = ComposeProject.name(project, WorktreeIdentity.derive("feat/a").slug());
    String b = ComposeProject.name(project, WorktreeIdentity.derive("feat/b").slug());
    assertEquals("healthy", health(a), "up waits for the health check");
    assertEquals(1, ids("volume", a).size());
    assertEquals(1, ids("volume", b).size());
    int portA = port(tmp.resolve(project + "-a"));
    int portB = port(tmp.resolve(project + "-b"));
    assertNotEquals(portA, portB);
    // the worktree's port reached the compose file: each worktree's server answers on its own port
    assertEquals("1", query(portA, "SELECT 1"));
    assertEquals("1", query(portB, "SELECT 1"));

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/a").ok();
    assertTrue(down.err().contains("compose project " + a + " removed"), down.err());
    assertEquals(List.of(), ids("container", a));
    assertEquals(List.of(), ids("volume", a), "down -v removes the project's volumes");
    assertEquals(1, ids("volume", b).size(), "another worktree's volume stays");
    assertEquals("1", query(portB, "SELECT 1"));

    // a dead worktree (folder deleted, compose file with it) and a project no record knows: gc removes both
    deleteTree(tmp.resolve(project + "-b"));
    String orphan = ComposeProject.name(project, WorktreeIdentity.derive("feat/gone").slug());
    Map<String, String> composeEnv = new HashMap<>(Map.of("WT_PORT", String.valueOf(freePort())));
    assertTrue(run(List.of("docker-compose", "-p", orphan, "-f", "docker-compose.worktree.yml", "up", "-d"),
        repo.root(), composeEnv).ok);
    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertEquals(List.of(), ids("volume", b), gc.err() + gc.out());
    assertEquals(List.of(), ids("container", orphan), gc.err() + gc.out());
    assertEquals(List.of(), ids("volume", orphan));
  }

  @Test
  void an_untrusted_compose_file_starts_nothing() {
    env.remove("WT_TRUST");
    WtRun up = WtRun.in(repo.root(), env, "up", "feat/c");
    assertNotEquals(0, up.exitCode(), up.err());
    String c = ComposeProject.name(project, WorktreeIdentity.derive("feat/c").slug());
    assertEquals(List.of(), ids("container", c), up.err());
    assertTrue(up.err().contains("services.compose_file") || up.err().contains("not approved"), up.err());
  }

  private static String health(String project) {
    List<String> ids = ids("container", project);
    assertEquals(1, ids.size(), "one container in " + project);
    return docker("inspect", "--format", "{{.State.Health.Status}}", ids.get(0)).out.strip();
  }

  private static int port(Path worktree) throws IOException {
    for (String line : Files.readAllLines(worktree.resolve(".env.development.local"))) {
      if (line.startsWith("WT_PORT=")) {
        return Integer.parseInt(line.substring("WT_PORT=".length()).replace("\"", "").strip());
      }
    }
    throw new AssertionError("no WT_PORT in " + worktree);
  }

  private static String query(int port, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "pw");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> projects() {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("container", "network", "volume")) {
      List<String> args = new ArrayList<>(List.of(kind, "ls", "--filter", "label=com.docker.compose.project",
          "--format", "{{.Label \"com.docker.compose.project\"}}"));
      if (kind.equals("container")) {
        args.add("-a");
      }
      out.addAll(docker(args.toArray(String[]::new)).out.lines().toList());
    }
    return out.stream().distinct().toList();
  }

  private static List<String> ids(String kind, String project) {
    List<String> args = new ArrayList<>(List.of(kind, "ls", "-q", "--filter", "label=com.docker.compose.project=" + project));
    if (kind.equals("container")) {
      args.add("-a");
    }
    return docker(args.toArray(String[]::new)).out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private record Ran(boolean ok, String out) {}

  private static Ran docker(String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  private static Ran run(List<String> cmd, Path dir) {
    return run(cmd, dir, Map.of());
  }

  private static Ran run(List<String> cmd, Path dir, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Ran(false, out);
      }
      return new Ran(p.exitValue() == 0, out);
    } catch (IOException e) {
      return new Ran(false, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ran(false, "interrupted");
    }
  }
}
