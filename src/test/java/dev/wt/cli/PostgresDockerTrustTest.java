package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [postgres] mode = "compose"} and {@code "container"} hand docker a compose file or an image
 * the repository chose: like {@code [services] compose_file}, nothing starts until it is approved.
 * A fake docker (WT_DOCKER) logs its calls; it answers {@code info} and fails everything else, so
 * no engine is needed and nothing really starts.
 */
class PostgresDockerTrustTest {

  private static final String COMPOSE = """
      services:
        postgres:
          image: postgres:17
          privileged: true
          volumes: ["/:/host"]
      """;

  @TempDir Path tmp;
  GitRepo repo;
  Path log;
  Map<String, String> env;

  @BeforeEach
  void repositoryWithAFakeDocker() throws IOException {
    repo = GitRepo.create(tmp, "pgd");
    log = tmp.resolve("docker.log");
    Path docker = tmp.resolve("docker");
    Files.writeString(docker, """
        #!/bin/sh
        echo "$*" >> '%s'
        case "$1 $2" in
          info*|"compose version") echo 27.0; exit 0 ;;
        esac
        echo "fake docker: not started" >&2
        exit 1
        """.formatted(log));
    assertTrue(docker.toFile().setExecutable(true));
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "", "WT_DOCKER",
        docker.toString(), "WT_PG_MODE", "", "WT_PG_IMAGE", ""));
  }

  private WtRun wt(String... args) {
    return WtRun.in(repo.root(), env, args);
  }

  /** What the fake docker was asked beyond whether an engine answers. */
  private List<String> started() throws IOException {
    return !Files.exists(log) ? List.of()
        : Files.readAllLines(log).stream().filter(l -> !l.startsWith("info") && !l.equals("compose version")).toList();
  }

  private void composeMode() {
    repo.write("docker-compose.yml", COMPOSE).write("wt.toml", "project = \"pgd\"\n[postgres]\nmode = \"compose\"\n")
        .commitAll("compose mode");
  }

  @Test
  void an_unapproved_compose_service_is_not_started_and_wt_exits_4() throws IOException {
    composeMode();
    WtRun r = wt("up", "feat/a").expect(4);
    assertEquals(List.of(), started(), r.err());
    // wt setup in the new worktree: the main worktree is not one it sets up
    assertRefusal(r, "not approved", "wt trust, then wt setup (both in " + tmp.resolve("pgd-a").toRealPath() + ")");
    assertTrue(r.err().contains("postgres.compose_file"), r.err());
  }

  @Test
  void an_unapproved_container_image_is_not_run_and_wt_exits_4() throws IOException {
    repo.write("wt.toml", "project = \"pgd\"\n[postgres]\nmode = \"container\"\nimage = \"evil/root:latest\"\n")
        .commitAll("container mode");
    WtRun r = wt("up", "feat/a").expect(4);
    assertEquals(List.of(), started(), r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
    assertTrue(r.err().contains("postgres.image"), r.err());
    assertTrue(wt("trust").expect(1).out().contains("evil/root:latest"), "wt trust shows the image");
  }

  @Test
  void the_approval_never_shows_a_repository_password_and_a_changed_one_asks_again() throws IOException {
    repo.write("wt.toml", "project = \"pgd\"\n[postgres]\nmode = \"container\"\nimage = \"postgres:15\"\n"
        + "password = \"S3cretPw\"\n").commitAll("container mode with a password");
    WtRun listed = wt("trust").expect(1);
    assertTrue(listed.out().contains("POSTGRES_PASSWORD=***") && !listed.out().contains("S3cretPw"), listed.out());
    wt("trust", "--yes").ok();
    repo.write("wt.toml", "project = \"pgd\"\n[postgres]\nmode = \"container\"\nimage = \"postgres:15\"\n"
        + "password = \"0therPw\"\n").commitAll("another password");
    WtRun again = wt("trust").expect(1);
    assertTrue(!again.out().contains("0therPw") && again.out().contains("POSTGRES_PASSWORD"), again.out());
  }

  @Test
  void after_wt_trust_the_compose_service_starts() throws IOException {
    composeMode();
    WtRun trust = wt("trust", "--yes").ok();
    assertTrue(trust.out().contains("docker compose -f docker-compose.yml up -d postgres"), trust.out());
    WtRun r = wt("up", "feat/a");
    assertTrue(started().contains("compose -f docker-compose.yml up -d postgres"), started() + "\n" + r.err());
  }

  @Test
  void a_changed_compose_file_needs_approving_again() throws IOException {
    composeMode();
    wt("trust", "--yes").ok();
    repo.write("docker-compose.yml", COMPOSE.replace("/:/host", "/etc:/host-etc")).commitAll("another mount");
    WtRun r = wt("up", "feat/a").expect(4);
    assertEquals(List.of(), started(), r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
  }

  @Test
  void the_repositorys_compose_file_needs_approval_even_when_the_environment_chose_compose_mode() throws IOException {
    repo.write("docker-compose.yml", COMPOSE).write("wt.toml", "project = \"pgd\"\n").commitAll("no mode");
    // WT_PG_MODE=compose, set once in a shell profile, holds in every repository the user enters
    env.put("WT_PG_MODE", "compose");
    WtRun r = wt("up", "feat/a").expect(4);
    assertEquals(List.of(), started(), r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
  }

  @Test
  void a_compose_worktree_made_under_a_one_run_approval_is_not_torn_down_unasked_and_the_hint_says_wt_trust()
      throws Exception {
    // a fake compose whose service is the local server on 127.0.0.1:5432
    Files.writeString(Path.of(env.get("WT_DOCKER")), """
        #!/bin/sh
        echo "$*" >> '%s'
        case "$*" in
          info*|"compose version") echo 27.0 ;;
          *" up -d postgres") ;;
          *" port postgres 5432") echo 127.0.0.1:5432 ;;
          *" ps -q postgres") echo c0ffee ;;
          inspect*) echo '["POSTGRES_USER=postgres"]' ;;
          *) exit 1 ;;
        esac
        """.formatted(log));
    repo.write("docker-compose.yml", COMPOSE).write("wt.toml", "project = \"pgd\"\n").commitAll("no mode");
    env.put("WT_PG_MODE", "compose");
    env.put("WT_TRUST", "1");
    wt("up", "feat/a").ok();
    dev.wt.testing.Pg pg = dev.wt.testing.Pg.local();
    String db = pg.databases().stream().filter(d -> d.startsWith("pgd_a_")).findFirst().orElse("");
    assertTrue(db.startsWith("pgd_a_"), "the database is on the compose service: " + pg.databases());
    try {
      env.put("WT_TRUST", "");
      WtRun down = wt("down", "feat/a").expect(4);
      assertTrue(down.err().contains("postgres.compose_file") && down.err().contains("(wt trust)"), down.err());
      assertTrue(pg.databases().contains(db), "nothing is dropped without the approval");
      wt("trust", "--yes").ok();
      wt("gc", "--yes").ok();
      assertTrue(!pg.databases().contains(db), "approved, the database goes");
    } finally {
      for (String left : List.of(db, "pgd_template")) {
        if (!left.isEmpty()) {
          if (pg.databases().contains(left)) {
            pg.exec("postgres", "ALTER DATABASE \"" + left + "\" IS_TEMPLATE false",
                "DROP DATABASE \"" + left + "\" WITH (FORCE)");
          }
        }
      }
    }
  }

  @Test
  void a_compose_mode_the_users_own_local_file_chooses_needs_no_approval() throws IOException {
    repo.write("docker-compose.yml", COMPOSE).write("wt.toml", "project = \"pgd\"\n").commitAll("no mode");
    repo.write("wt.local.toml", "[postgres]\nmode = \"compose\"\n");
    WtRun r = wt("up", "feat/a");
    assertNotEquals(4, r.exitCode(), r.err());
    assertTrue(started().contains("compose -f docker-compose.yml up -d postgres"), started() + "\n" + r.err());
  }
}
