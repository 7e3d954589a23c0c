package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt up} checks names, servers, binaries, configuration and ports before it makes
 * anything: a refusal is exit 1 (3 for an unreachable environment) and leaves no folder, branch,
 * record, lock or port claim behind.
 */
class PreflightTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  GitRepo repo;
  String project;
  Map<String, String> env;

  @BeforeEach
  void repository() {
    project = "wtp" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(), (byte) new Random().nextInt(),
        (byte) new Random().nextInt()});
    repo = GitRepo.create(tmp, "app");
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_PG_MODE", "none"));
  }

  @AfterEach
  void dropDatabases() {
    if (PG.answers()) {
      PG.dropAll(project);
    }
  }

  private void config(String toml) {
    repo.write("wt.toml", "project = \"" + project + "\"\n" + toml).commitAll("wt config");
  }

  @Test
  void a_database_name_taken_by_an_unmarked_database_is_refused_before_the_checkout() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    config("");
    String taken = DatabaseNames.of(project, WorktreeIdentity.derive("feat/x"));
    PG.exec("postgres", "CREATE DATABASE \"" + taken + "\"");
    env.putAll(Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl()));
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(1);
    assertRefusal(r, "database " + taken + " exists on 127.0.0.1:5432 and is not marked as this worktree's",
        "drop or rename it yourself");
    assertNothingLeft("feat/x", "x");
    assertTrue(PG.databases().contains(taken), "the stranger's database is left alone");
    assertFalse(PG.databases().stream().anyMatch(d -> d.startsWith(project) && !d.equals(taken)),
        "no template or other database made: " + PG.databases());
  }

  @Test
  void an_unreachable_server_is_exit_3_before_the_checkout() {
    config("[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres@127.0.0.1:1/postgres\"\n");
    env.put("WT_PG_MODE", "url"); // the test JVM's WT_PG_MODE=none would win over wt.toml
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(3);
    assertRefusal(r, "PostgreSQL at 127.0.0.1:1 does not answer", "check [postgres] mode/url");
    assertNothingLeft("feat/x", "x");
  }

  @Test
  void no_docker_engine_for_the_container_mode_is_exit_3_before_the_checkout() throws Exception {
    Process info = new ProcessBuilder("sh", "-c", "docker info >/dev/null 2>&1").start();
    Assumptions.assumeTrue(info.waitFor() != 0, "a Docker engine answers here");
    config("");
    env.put("WT_PG_MODE", "container");
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(3);
    assertRefusal(r, "no Docker engine answers", "start Docker");
    assertNothingLeft("feat/x", "x");
  }

  @Test
  void a_malformed_postgres_url_is_a_config_error_before_the_checkout() {
    config("[postgres]\nmode = \"url\"\nurl = \"mysql://root@db/app\"\n");
    env.put("WT_PG_MODE", "url");
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(1);
    assertRefusal(r, "[postgres] url: not a PostgreSQL URL", "postgresql://user@host:port/postgres");
    assertNothingLeft("feat/x", "x");
  }

  @Test
  void a_bin_dir_inside_the_repository_runs_nothing_and_makes_nothing() throws IOException {
    Path tools = Files.createDirectories(repo.root().resolve("tools"));
    for (String p : new String[] {"initdb", "postgres", "pg_ctl", "psql", "pg_dump"}) {
      Files.writeString(tools.resolve(p), "#!/bin/sh\necho ran >> " + tmp.resolve("ran") + "\n");
      tools.resolve(p).toFile().setExecutable(true);
    }
    env.put("WT_PG_MODE", "embedded");
    env.put("WT_PG_HOME", tmp.resolve("pg").toString());
    for (String binDir : new String[] {"tools", tools.toString()}) {
      config("[postgres]\nbin_dir = \"" + binDir + "\"\n");
      WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(1);
      assertRefusal(r, "[postgres] bin_dir " + binDir + " is ", "point bin_dir at an installed PostgreSQL");
      assertNothingLeft("feat/x", "x");
    }
    // nor in a worktree another tool made (git worktree add), where a branch's commit put them
    repo.git("worktree", "add", "-q", "-b", "side", tmp.resolve("side").toString());
    Path sideTools = Files.createDirectories(tmp.resolve("side/pgbin"));
    for (String p : new String[] {"initdb", "postgres", "pg_ctl", "psql", "pg_dump"}) {
      Files.copy(tools.resolve(p), sideTools.resolve(p));
      sideTools.resolve(p).toFile().setExecutable(true);
    }
    config("[postgres]\nbin_dir = \"" + sideTools + "\"\n");
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(1);
    assertRefusal(r, "[postgres] bin_dir " + sideTools + " is ", "point bin_dir at an installed PostgreSQL");
    assertFalse(repo.hasBranch("feat/x"));
    assertFalse(Files.exists(tmp.resolve("ran")), "no program of the repository ran");
  }

  @Test
  void a_bin_dir_without_binaries_is_exit_3_before_the_checkout() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-bin"));
    config("[postgres]\nbin_dir = \"" + empty + "\"\n");
    env.put("WT_PG_MODE", "embedded");
    env.put("WT_PG_HOME", tmp.resolve("pg").toString());
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(3);
    assertRefusal(r, "[postgres] bin_dir " + empty + " does not hold initdb, postgres, pg_ctl", "pg_config --bindir");
    assertNothingLeft("feat/x", "x");
    assertFalse(Files.exists(tmp.resolve("pg")), "no cluster folder made");
  }

  @Test
  void an_exhausted_port_range_is_refused_before_the_checkout() {
    config("[ports]\nrange = [47391, 47391]\n");
    WtRun.in(repo.root(), env, "up", "feat/a").ok();
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/x").expect(1);
    assertRefusal(r, "no free block of 1 port(s) in ports.range [47391, 47391]", "widen [ports] range");
    assertNothingLeft("feat/x", "x", 2);
    assertEquals(List.of("47391.port"), claims(), "only feat/a's port is claimed");
  }

  @Test
  void of_two_ups_racing_for_the_last_port_the_loser_is_refused_before_the_checkout() throws Exception {
    config("[ports]\nrange = [47391, 47391]\n");
    Path stateLock = repo.path(".git/wt/lock");
    Files.createDirectories(stateLock.getParent());
    WtRun.Started a;
    WtRun.Started x;
    try (FileChannel ch = FileChannel.open(stateLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      // both find the port free (nothing holds it yet) and wait to record their worktree
      a = WtRun.start(repo.root(), env, "up", "feat/a");
      x = WtRun.start(repo.root(), env, "up", "feat/x");
      Poll.await("both ups wait for the state lock", Duration.ofMinutes(1),
          () -> a.err().contains("waiting for wt's lock " + stateLock) && x.err().contains("waiting for wt's lock")
              || a.result().isDone() || x.result().isDone());
    }
    WtRun ra = a.finish();
    WtRun rx = x.finish();
    boolean aWon = ra.exitCode() == 0;
    WtRun lost = aWon ? rx : ra;
    (aWon ? ra : rx).ok();
    assertRefusal(lost.expect(1), "no free block of 1 port(s) in ports.range [47391, 47391]", "widen [ports] range");
    assertNothingLeft(aWon ? "feat/x" : "feat/a", aWon ? "x" : "a", 2);
    assertEquals(List.of("47391.port"), claims(), "only the winner's port is claimed");
  }

  @Test
  void a_branch_inside_an_existing_branch_path_is_refused_with_exit_1() {
    config("");
    repo.git("branch", "a/b");
    WtRun r = WtRun.in(repo.root(), env, "up", "a/b/c").expect(1);
    assertRefusal(r, "branch a/b/c cannot be created: branch a/b exists", "rename a/b first");
    assertNothingLeft("a/b/c", "c");
  }

  @Test
  void a_branch_whose_path_holds_other_branches_is_refused_with_exit_1() {
    config("");
    repo.git("branch", "team/x/one");
    WtRun r = WtRun.in(repo.root(), env, "up", "team/x").expect(1);
    assertRefusal(r, "branch team/x cannot be created: branch team/x/one exists", "pick another name");
    assertNothingLeft("team/x", "x");
  }

  private void assertNothingLeft(String branch, String folderName) {
    assertNothingLeft(branch, folderName, 1);
  }

  private void assertNothingLeft(String branch, String folderName, int worktrees) {
    assertFalse(repo.hasBranch(branch), "no branch " + branch);
    assertEquals(worktrees, repo.worktrees().size(), "no worktree for " + branch);
    assertFalse(Files.exists(tmp.resolve("app-" + folderName)), "no folder");
    String slug = WorktreeIdentity.derive(branch).slug();
    Path records = repo.path(".git/wt/worktrees");
    assertFalse(Files.exists(records.resolve(slug + ".json")), "no record");
    assertFalse(Files.exists(records.resolve(slug + ".lock")), "no lock file");
    // feat/a's own claim aside (the exhausted-range case), no port is claimed
    assertEquals(List.of(), claims().stream().filter(c -> !c.equals("47391.port")).toList(), "no port claim");
  }

  private List<String> claims() {
    Path dir = tmp.resolve("state/wt/ports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
