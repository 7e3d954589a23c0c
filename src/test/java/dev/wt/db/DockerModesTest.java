package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Docker modes on a real engine: the project's compose service shared by all worktrees, one
 * container per worktree, and url mode against a password-protected server in a container.
 * The image comes from WT_TEST_PG_IMAGE (default: the official postgres image).
 */
class DockerModesTest {

  private static final String IMAGE = System.getenv().getOrDefault("WT_TEST_PG_IMAGE", "postgres");
  private static final Pattern URL = Pattern.compile("DATABASE_URL=postgresql://postgres:([^@]*)@127\\.0\\.0\\.1:(\\d+)/(\\S+)");

  @TempDir Path tmp;
  private GitRepo repo;
  private final List<List<String>> cleanup = new ArrayList<>();

  @BeforeEach
  void engine() {
    Assumptions.assumeTrue(docker("info").ok, "no Docker engine answers (docker info failed): the compose and "
        + "container modes cannot be tested here; ../shared/docker/local-postgres-image.sh starts one");
    Assumptions.assumeTrue(docker("image", "inspect", IMAGE).ok || docker("pull", IMAGE).ok,
        "image " + IMAGE + " is not available (set WT_TEST_PG_IMAGE)");
    repo = GitRepo.create(tmp, "web");
  }

  @AfterEach
  void removeWhatTheTestStarted() {
    for (List<String> c : cleanup) {
      run(c, tmp);
    }
  }

  private Matcher url(String worktree) throws IOException {
    String text = Files.readString(tmp.resolve("web-" + worktree).resolve(".env.development.local"));
    Matcher m = URL.matcher(text);
    assertTrue(m.find(), text);
    return m;
  }

  private static List<String> databases(int port, String password) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
        ResultSet rs = c.createStatement().executeQuery("SELECT datname FROM pg_database ORDER BY 1")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void compose_mode_shares_the_projects_service_and_down_drops_only_the_worktrees_databases() throws Exception {
    int port = freePort();
    repo.write("docker-compose.yml", """
        services:
          postgres:
            image: %s
            command: ["-c", "max_connections=200"]
            environment:
              POSTGRES_USER: postgres
              POSTGRES_PASSWORD: composepw
            ports:
              - "127.0.0.1:%d:5432"
        """.formatted(IMAGE, port))
        .write("wt.toml", "project = \"web\"\n[postgres]\nmode = \"compose\"\n").commitAll("compose");
    cleanup.add(List.of("docker-compose", "-f", repo.root().resolve("docker-compose.yml").toString(), "down", "-v"));
    // the repository's compose file runs once approved (WT_TRUST: for each run here)
    Map<String, String> env = Map.of("WT_PG_MODE", "compose", "WT_TRUST", "1");

    WtRun.in(repo.root(), env, "up", "feat/a").ok();
    WtRun.in(repo.root(), env, "up", "feat/b").ok();
    Matcher a = url("a");
    Matcher b = url("b");
    assertEquals("composepw", a.group(1), "the password comes from the service's POSTGRES_PASSWORD");
    assertEquals(String.valueOf(port), a.group(2));
    assertEquals(a.group(2), b.group(2), "both worktrees share the one compose service");
    assertNotEquals(a.group(3), b.group(3));
    List<String> before = databases(port, "composepw");

    WtRun status = WtRun.in(tmp.resolve("web-a"), env, "db", "status").ok();
    assertFalse(status.out().contains("composepw"), status.out());

    WtRun.in(repo.root(), env, "down", "feat/a").ok();
    List<String> after = databases(port, "composepw");
    assertFalse(after.contains(a.group(3)));
    assertTrue(after.contains(b.group(3)));
    assertEquals(before.size() - 1, after.size());
  }

  @Test
  void container_mode_gives_each_worktree_its_own_server_and_down_removes_it() throws Exception {
    int base = freePort();
    repo.write("wt.toml", "project = \"web\"\n[postgres]\nmode = \"container\"\nbase_port = " + base + "\n")
        .commitAll("container");
    // the repository sets base_port, so what docker run gets needs approval: WT_TRUST gives it for the run
    Map<String, String> env = Map.of("WT_PG_MODE", "container", "WT_PG_IMAGE", IMAGE, "WT_TRUST", "1");
    cleanup.add(List.of("sh", "-c", "docker ps -aq --filter label=dev.wt.project=web | xargs -r docker rm -f -v"));

    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    WtRun.in(repo.root(), env, "up", "feat/two").ok();
    Matcher one = url("one");
    Matcher two = url("two");
    assertNotEquals(one.group(2), two.group(2), "each worktree has its own container port");
    assertTrue(databases(Integer.parseInt(one.group(2)), one.group(1)).contains(one.group(3)));

    WtRun.in(repo.root(), env, "down", "feat/one").ok();
    String containers = run(List.of("docker", "ps", "-a", "--filter", "label=dev.wt.project=web", "--format",
        "{{.Label \"dev.wt.slug\"}}"), tmp).out;
    assertFalse(containers.contains("one_"), containers);
    assertTrue(containers.contains("two_"), containers);
    WtRun.in(repo.root(), env, "down", "feat/two").ok();
  }

  @Test
  void url_mode_against_a_password_protected_server_never_prints_the_password() throws Exception {
    try (PostgreSQLContainer pg = new PostgreSQLContainer(
        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"))
        .withUsername("postgres").withPassword("t0p-secret")) {
      pg.start();
      String admin = "postgresql://postgres:t0p-secret@" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/postgres";
      Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", admin);
      WtRun up = WtRun.in(repo.root(), env, "up", "feat/secure").ok();
      WtRun status = WtRun.in(tmp.resolve("web-secure"), env, "db", "status").ok();
      WtRun down = WtRun.in(repo.root(), env, "down", "feat/secure").ok();
      for (WtRun r : List.of(up, status, down)) {
        assertFalse((r.out() + r.err()).contains("t0p-secret"), r.out() + r.err());
      }
      assertTrue(status.out().contains("postgres:***@"), status.out());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private record Ran(boolean ok, String out) {}

  private static Ran docker(String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  private static Ran run(List<String> cmd, Path dir) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
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
