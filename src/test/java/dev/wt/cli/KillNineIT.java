package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.core.DatabaseNames;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.testing.Checks;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code wt up} and {@code wt down} killed with SIGKILL (their whole process group, as a closed
 * terminal would) at seeded random moments, in url mode on the machine's PostgreSQL and on the
 * embedded default with a template clone: a re-run of the same command always finishes the job,
 * then {@code wt down} leaves nothing; {@code wt gc} finds nothing, no lock makes a command wait,
 * and the user's files survive. Each mode runs {@code wt.kill.trials} trials (default 15, so 30 of
 * each command in all); {@code -Dwt.kill.seed=N} replays a run, and a failure names its seed and delay.
 */
class KillNineIT {

  private static final int TRIALS = Integer.getInteger("wt.kill.trials", 15);
  private static final int CHECKOUT_FILES = 600;

  private Path tmp;
  private GitRepo repo;
  private Map<String, String> env;
  private Pg pg;
  private String project;
  private boolean embedded;

  @AfterEach
  void removeEverythingTheTestMade() throws IOException {
    if (repo != null && embedded) {
      WtRun.in(repo.root(), env, "down", "feat/keeper");
      WtRun.in(repo.root(), env, "db", "server", "remove", "--force");
    } else if (project != null && Pg.local().answers()) {
      Pg.local().dropAll(project);
    }
    if (tmp != null) {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void url_mode_up_and_down_killed_at_random_moments_are_finished_by_a_rerun() throws Exception {
    Assumptions.assumeTrue(Pg.local().answers(), "no PostgreSQL on 127.0.0.1:5432");
    long seed = Long.getLong("wt.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    project = "wtk" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repository("app", "project = \"" + project + "\"\n");
    env.putAll(Map.of("WT_PG_MODE", "url", "WT_PG_URL", Pg.local().adminUrl()));
    pg = Pg.local();
    trials("url", seed, random);
  }

  @Test
  void embedded_default_with_a_template_clone_killed_at_random_moments_is_finished_by_a_rerun() throws Exception {
    long seed = Long.getLong("wt.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    embedded = true;
    project = "shop";
    repository("shop", "project = \"shop\"\n\n[databases.app]\nfill = \"template\"\n");
    env.putAll(Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", tmp.resolve("pg").toString()));
    // one cluster for every trial: started once, with a main database the template is copied from;
    // a worktree kept up all along keeps the cluster running and the template in place
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    pg = new Pg("127.0.0.1", clusterPort());
    pg.exec("postgres", "CREATE DATABASE shop");
    pg.exec("shop", "CREATE TABLE customers (id int)", "INSERT INTO customers VALUES (1), (2)");
    run("keeping the cluster up", "up", "feat/keeper");
    assertTrue(pg.databases().contains("shop_template"), pg.databases().toString());
    trials("embedded", seed, random);
  }

  /** A repository whose ignored build/ folder holds the user's files, and wt's state in the test's folder. */
  private void repository(String name, String config) throws IOException {
    // world-traversable: as root, wt runs the embedded server as user postgres, which must reach its data
    tmp = Files.createTempDirectory("wt-kill");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = GitRepo.create(tmp, name);
    // enough files that a kill often lands inside git's checkout
    for (int i = 0; i < CHECKOUT_FILES; i++) {
      repo.write("src/f" + i + ".txt", "file " + i + "\n");
    }
    repo.write("wt.toml", config).write(".gitignore", "build/\n").commitAll("wt config");
    repo.write("notes.txt", "the user's own notes, never committed\n");
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()));
  }

  private void trials(String mode, long seed, Random random) throws Exception {
    System.out.println("KillNineIT " + mode + ": seed " + seed + ", " + TRIALS + " up + " + TRIALS + " down trials");
    // the moments to kill at: from a little before the command's first change (the checks before
    // it change nothing) to its end
    timed("up", "feat/measure"); // the first run of a command is slower (caches); the second is measured
    timed("down", "feat/measure");
    long[] up = timed("up", "feat/measure");
    long[] down = timed("down", "feat/measure");
    Map<String, Integer> upPhases = new TreeMap<>();
    Map<String, Integer> downPhases = new TreeMap<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      String branch = "feat/k" + trial;
      Moment upAt = Moment.pick(random, up);
      Moment downAt = Moment.pick(random, down);
      String where = mode + " mode, seed " + seed + ", trial " + trial + " (kill up " + upAt + ", down " + downAt + ")";

      kill(upAt, "up", branch);
      upPhases.merge(upPhase(branch), 1, Integer::sum);
      assertNoWait(run(where, "up", branch), where);
      assertMade(branch, where);
      Path userFile = userFile(branch, trial);

      kill(downAt, "down", branch);
      String downPhase = downPhase(branch);
      downPhases.merge(downPhase, 1, Integer::sum);
      // a down killed after the folder went is finished by a re-run that finds only the record; one
      // that got to the end before the kill leaves nothing to name
      assertNoWait(downPhase.equals("4-done") ? runCode(where, 1, "down", branch) : run(where, "down", branch), where);
      assertGone(branch, where);
      assertTrue(inTrash(userFile, "trial " + trial), where + ": the user's ignored file is not in wt's trash");
      assertGcFindsNothing(where);
    }
    assertEquals("the user's own notes, never committed\n", Files.readString(repo.path("notes.txt")));
    System.out.println("KillNineIT " + mode + ": up killed " + upPhases + "; down killed " + downPhases);
  }

  /** How far a killed up got. */
  private String upPhase(String branch) throws IOException {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    Optional<WorktreeRecord> r = store().bySlug(id.slug());
    if (r.isEmpty()) {
      return Files.exists(folder(branch)) ? "2-checkout" : "0-nothing";
    }
    if (!Files.isDirectory(folder(branch))) {
      return "1-reserved";
    }
    if (!pg.databases().contains(database(id))) {
      return "2-checkout";
    }
    if (!Files.exists(folder(branch).resolve(".env.development.local"))) {
      return "3-database";
    }
    return r.get().setupPending() ? "4-env" : "5-done";
  }

  /** How far a killed down got. */
  private String downPhase(String branch) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    boolean record = store().bySlug(id.slug()).isPresent();
    boolean folder = Files.isDirectory(folder(branch));
    boolean userFile = Files.exists(folder(branch).resolve("build"));
    if (folder) {
      return userFile ? "0-untouched" : "1-trashed";
    }
    if (!record) {
      return "4-done";
    }
    return pg.databases().contains(database(id)) ? "2-removed" : "3-dropped";
  }

  private void assertMade(String branch, String where) throws IOException {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    Optional<WorktreeRecord> r = store().bySlug(id.slug());
    assertTrue(r.isPresent(), where + ": no record");
    assertFalse(r.get().setupPending(), where + ": not set up");
    Path dir = Path.of(r.get().path());
    assertEquals(folder(branch), dir, where);
    String envFile = Files.readString(dir.resolve(".env.development.local"));
    String db = database(id);
    assertTrue(envFile.contains("/" + db), where + ": env file lacks " + db + "\n" + envFile);
    assertTrue(pg.databases().contains(db), where + ": no database " + db);
    String comment = pg.comment(db);
    assertTrue(comment != null && comment.contains(id.slug()), where + ": database not marked: " + comment);
    assertEquals(List.of(db), r.get().databases().stream().map(OwnedDatabase::database).toList(), where);
    if (embedded) {
      assertEquals(List.of("1", "2"), pg.column(db, "SELECT id FROM customers ORDER BY id"), where + ": not a clone");
    }
    assertFalse(r.get().ports().isEmpty(), where + ": no ports");
    // every file checked out, nothing changed: a checkout cut off by the kill was finished
    assertEquals("", GitRepo.gitIn(dir, "status", "--porcelain"), where + ": the checkout is not complete");
    assertTrue(Files.isRegularFile(dir.resolve("src/f" + (CHECKOUT_FILES - 1) + ".txt")), where);
    assertTrue(repo.git("worktree", "list", "--porcelain").contains("worktree " + dir + "\n"), where + ": no git entry");
  }

  private void assertGone(String branch, String where) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    assertTrue(store().bySlug(id.slug()).isEmpty(), where + ": record left");
    assertFalse(Files.exists(folder(branch)), where + ": folder left");
    assertFalse(pg.databases().contains(database(id)), where + ": database left");
    assertFalse(repo.git("worktree", "list", "--porcelain").contains(folder(branch) + "\n"), where + ": git entry left");
    assertFalse(repo.hasBranch(branch), where + ": the branch up made (merged: it has no commits) is left");
    if (!embedded) {
      // no worktree left: the server is as wt found it (the template it made, and any staging copy, gone)
      assertEquals(List.of(), pg.databases().stream().filter(d -> d.startsWith(project)).toList(), where);
    }
  }

  private void assertGcFindsNothing(String where) {
    JsonNode gc = Checks.json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(0, gc.get("items").size(), where + ": gc finds " + gc);
  }

  /** A command that had to wait for a lock says so: the killed one must have left none held. */
  private static void assertNoWait(String output, String where) {
    assertFalse(output.contains("waiting for"), where + ": the re-run waited for a lock\n" + output);
  }

  /** Writes an ignored file into the worktree, as a build would; down must keep it (in wt's trash). */
  private Path userFile(String branch, int trial) throws IOException {
    Path file = folder(branch).resolve("build").resolve("user-" + trial + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "trial " + trial);
    return file;
  }

  private boolean inTrash(Path userFile, String content) throws IOException {
    Path trash = repo.root().resolve(".git/wt/trash");
    if (!Files.isDirectory(trash)) {
      return false;
    }
    String name = userFile.getFileName().toString();
    try (Stream<Path> walk = Files.walk(trash)) {
      for (Path p : walk.filter(p -> p.getFileName().toString().equals(name)).toList()) {
        if (Files.readString(p).equals(content)) {
          return true;
        }
      }
    }
    return false;
  }

  private Path folder(String branch) {
    return tmp.resolve(repo.root().getFileName() + "-" + branch.substring("feat/".length()));
  }

  private String database(WorktreeIdentity id) {
    return DatabaseNames.of(project, id);
  }

  private JsonStateStore store() {
    return new JsonStateStore(repo.root().resolve(".git"));
  }

  private int clusterPort() throws IOException {
    try (Stream<Path> walk = Files.walk(tmp.resolve("pg/clusters"), 2)) {
      Path meta = walk.filter(p -> p.getFileName().toString().equals("wt-server.properties")).findFirst().orElseThrow();
      Properties p = new Properties();
      try (var in = Files.newInputStream(meta)) {
        p.load(in);
      }
      return Integer.parseInt(p.getProperty("port"));
    }
  }

  /**
   * When to kill: mostly at a random time after the command's first line of output (before it, it
   * only checks; after it, it makes or removes), sometimes at a random time before it.
   *
   * @param afterFirstLine counted from the first line of output, else from the start
   */
  private record Moment(boolean afterFirstLine, long millis) {

    static Moment pick(Random random, long[] measured) {
      double u = random.nextDouble();
      return u < 0.15 ? new Moment(false, (long) (u / 0.15 * measured[0]))
          : new Moment(true, (long) ((u - 0.15) / 0.85 * Math.max(1, measured[1] - measured[0])));
    }

    @Override
    public String toString() {
      return millis + " ms after " + (afterFirstLine ? "its first line" : "its start");
    }
  }

  /** Runs {@code wt args}: when its first line of output comes and when it ends, in ms from its start. */
  private long[] timed(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(WtBinary.path().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.root().toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    long started = System.nanoTime();
    Process p = pb.start();
    long first = -1;
    StringBuilder out = new StringBuilder();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        first = first < 0 ? (System.nanoTime() - started) / 1_000_000 : first;
        out.append(line).append('\n');
      }
    }
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    long total = (System.nanoTime() - started) / 1_000_000;
    assertEquals(0, p.exitValue(), "measuring wt " + String.join(" ", args) + "\n" + out);
    return new long[] {first, total};
  }

  /** Starts wt in its own session and SIGKILLs the whole group at {@code at}, unless it ended. */
  private void kill(Moment at, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setsid", WtBinary.path().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.root().toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    java.util.concurrent.CountDownLatch firstLine = new java.util.concurrent.CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (var in = p.getInputStream(); var log = Files.newOutputStream(tmp.resolve("killed.log"))) {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          log.write(buffer, 0, n);
          firstLine.countDown();
        }
      } catch (IOException e) {
        // the process is gone
      } finally {
        firstLine.countDown();
      }
    });
    reader.start();
    if (at.afterFirstLine()) {
      assertTrue(firstLine.await(5, TimeUnit.MINUTES), "wt printed nothing");
    }
    if (!p.waitFor(at.millis(), TimeUnit.MILLISECONDS)) {
      new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).inheritIO().start().waitFor();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "wt survived SIGKILL");
    }
    reader.join();
  }

  /** Runs {@code wt args} to the end; it must succeed. Returns its output. */
  private String run(String where, String... args) throws Exception {
    return runCode(where, 0, args);
  }

  /** Runs {@code wt args} to the end; it must exit {@code expected}. Returns its output. */
  private String runCode(String where, int expected, String... args) throws Exception {
    Path log = tmp.resolve("run.log");
    Process p = WtBinary.start(repo.root(), log, env, args);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), where + ": wt " + String.join(" ", args) + " hangs (a lock left behind?)");
    String out = Files.readString(log);
    assertEquals(expected, p.exitValue(), where + ": wt " + String.join(" ", args) + "\n" + out);
    return out;
  }
}
