package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt up} and {@code wt down} killed with SIGKILL at seeded random moments (url mode, the
 * machine's PostgreSQL): a re-run always finishes the job, nothing is left half-made or behind,
 * {@code wt gc} finds nothing, and no lock blocks. Reproduce a failure with {@code -Dwt.kill.seed=N}.
 */
class KillNineIT {

  private static final Pg PG = Pg.local();
  private static final int TRIALS = Integer.getInteger("wt.kill.trials", 15);

  @TempDir Path tmp;
  private String project;

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void up_and_down_killed_at_random_moments_are_finished_by_a_rerun_and_leave_nothing_behind() throws Exception {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    long seed = Long.getLong("wt.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    project = "wtk" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(),
        "XDG_STATE_HOME", tmp.resolve("state").toString());
    System.out.println("KillNineIT: seed " + seed + ", " + TRIALS + " up + " + TRIALS + " down trials");

    // how long a whole up and down take here bounds the moments to kill at
    long upMillis = timed(repo, env, "up", "feat/measure");
    long downMillis = timed(repo, env, "down", "feat/measure");

    for (int trial = 0; trial < TRIALS; trial++) {
      String branch = "feat/k" + trial;
      long upDelay = (long) (random.nextDouble() * upMillis);
      long downDelay = (long) (random.nextDouble() * downMillis);
      String where = "seed " + seed + ", trial " + trial + ", kill up at " + upDelay + " ms, down at " + downDelay + " ms";

      kill(repo, env, upDelay, "up", branch);
      run(repo, env, where, "up", branch);
      assertMade(repo, branch, where);

      kill(repo, env, downDelay, "down", branch);
      int code = runCode(repo, env, where, "down", branch);
      assertTrue(code == 0 || code == 1, where + ": down exited " + code);
      assertGone(repo, branch, where);
    }
    JsonNode gc = new ObjectMapper().readTree(runOut(repo, env, "gc", "--json"));
    assertEquals(0, gc.get("items").size(), "seed " + seed + ": gc finds " + gc);
  }

  private void assertMade(GitRepo repo, String branch, String where) throws Exception {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    Optional<WorktreeRecord> r = new JsonStateStore(repo.root().resolve(".git")).bySlug(id.slug());
    assertTrue(r.isPresent(), where + ": no record");
    Path dir = Path.of(r.get().path());
    assertTrue(Files.isRegularFile(dir.resolve(".env.development.local")), where + ": no env file");
    String db = DatabaseNames.of(project, id);
    assertTrue(PG.databases().contains(db), where + ": no database " + db);
    assertTrue(PG.comment(db) != null && PG.comment(db).contains(id.slug()), where + ": database not marked");
    assertFalse(r.get().ports().isEmpty(), where + ": no ports");
  }

  private void assertGone(GitRepo repo, String branch, String where) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    assertTrue(new JsonStateStore(repo.root().resolve(".git")).bySlug(id.slug()).isEmpty(), where + ": record left");
    assertFalse(Files.exists(tmp.resolve("app-" + branch.substring("feat/".length()))), where + ": folder left");
    assertFalse(PG.databases().contains(DatabaseNames.of(project, id)), where + ": database left");
    assertFalse(repo.git("worktree", "list", "--porcelain").contains("app-" + branch.substring(5) + "\n"),
        where + ": git entry left");
  }

  private long timed(GitRepo repo, Map<String, String> env, String... args) throws Exception {
    long started = System.nanoTime();
    run(repo, env, "measuring", args);
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void kill(GitRepo repo, Map<String, String> env, long delayMillis, String... args) throws Exception {
    Process p = WtBinary.start(repo.root(), tmp.resolve("killed.log"), env, args);
    if (!p.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly(); // SIGKILL: the launcher execs java, so this is wt itself
      p.waitFor();
    }
  }

  private void run(GitRepo repo, Map<String, String> env, String where, String... args) throws Exception {
    int code = runCode(repo, env, where, args);
    assertEquals(0, code, where + ": wt " + String.join(" ", args) + "\n" + Files.readString(tmp.resolve("run.log")));
  }

  private int runCode(GitRepo repo, Map<String, String> env, String where, String... args) throws Exception {
    Process p = WtBinary.start(repo.root(), tmp.resolve("run.log"), env, args);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), where + ": wt " + String.join(" ", args) + " hangs (a lock left behind?)");
    return p.exitValue();
  }

  private String runOut(GitRepo repo, Map<String, String> env, String... args) throws Exception {
    run(repo, env, "final", args);
    return Files.readString(tmp.resolve("run.log"));
  }
}
