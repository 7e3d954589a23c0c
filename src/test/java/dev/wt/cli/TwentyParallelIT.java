package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeRecord;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twenty {@code wt up} processes at once on the default (an embedded cluster, worktrees cloned
 * from a template): the first starts the cluster and builds the template, the others wait for it;
 * then twenty {@code wt down} at once. Nothing fails, nothing is shared, nothing is left.
 */
class TwentyParallelIT {

  private static final int N = 20;

  private Path tmp;
  /** Outside the temporary folder, so a failure leaves the logs to read. */
  private final Path logs = Path.of("target", "it-logs", "twenty").toAbsolutePath();
  private Map<String, String> env;
  private GitRepo repo;

  @AfterEach
  void stopTheClusterAndClean() throws Exception {
    if (repo != null) {
      run(List.of(List.of("db", "server", "stop")), "stop");
    }
    if (tmp != null) {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void twenty_parallel_up_then_twenty_parallel_down_on_the_embedded_default_all_succeed() throws Exception {
    // world-traversable: as root, wt runs the server as user postgres, which must reach its data folder
    tmp = Files.createTempDirectory("wt-twenty");
    Files.createDirectories(logs);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = GitRepo.create(tmp, "twenty");
    env = new HashMap<>(Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", tmp.resolve("pg").toString(),
        "XDG_STATE_HOME", tmp.resolve("state").toString()));

    List<List<String>> ups = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ups.add(List.of("up", "feat/p" + i));
    }
    run(ups, "up");

    Path state = repo.root().resolve(".git");
    assertStateFilesAreJson(state);
    List<WorktreeRecord> records = new JsonStateStore(state).all();
    assertEquals(N, records.size());
    Set<String> databases = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    Set<String> folders = new HashSet<>();
    int clusterPort = 0;
    for (WorktreeRecord r : records) {
      assertTrue(Files.isDirectory(Path.of(r.path())), r.path());
      assertTrue(folders.add(r.path()), "folder handed out twice: " + r.path());
      r.ports().forEach(p -> assertTrue(ports.add(p), "port " + p + " handed out twice"));
      assertEquals(1, r.databases().size(), r.slug());
      OwnedDatabase d = r.databases().get(0);
      assertTrue(databases.add(d.database()), "database handed out twice: " + d.database());
      clusterPort = d.port();
    }
    Pg cluster = new Pg("127.0.0.1", clusterPort);
    assertTrue(cluster.databases().containsAll(databases), "every database exists: " + cluster.databases());

    List<List<String>> downs = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      downs.add(List.of("down", "feat/p" + i));
    }
    run(downs, "down");

    assertStateFilesAreJson(state);
    assertEquals(List.of(), new JsonStateStore(state).all());
    folders.forEach(f -> assertTrue(!Files.exists(Path.of(f)), f + " is gone"));
    run(List.of(List.of("db", "server", "start")), "start");
    Set<String> left = new HashSet<>(cluster.databases());
    left.retainAll(databases);
    assertEquals(Set.of(), left, "every worktree database is dropped");
  }

  /** Starts every command at once and waits; each must exit 0 (its log is shown when it does not). */
  private void run(List<List<String>> commands, String name) throws Exception {
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      runs.add(WtBinary.start(repo.root(), logs.resolve(name + i + ".log"), env, commands.get(i).toArray(String[]::new)));
    }
    for (int i = 0; i < runs.size(); i++) {
      if (!runs.get(i).waitFor(5, TimeUnit.MINUTES)) {
        runs.forEach(Process::destroyForcibly);
        throw new AssertionError(name + i + " still runs after 5 minutes; logs in " + logs);
      }
      String log = Files.readString(logs.resolve(name + i + ".log"));
      assertEquals(0, runs.get(i).exitValue(), "wt " + String.join(" ", commands.get(i)) + ":\n" + log);
    }
  }

  private static void assertStateFilesAreJson(Path gitDir) throws IOException {
    Path dir = gitDir.resolve("wt").resolve("worktrees");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().endsWith(".lock")) {
          continue; // a live worktree's setup lock (it names its last holder)
        }
        new ObjectMapper().readTree(f.toFile()); // throws on a torn or half-written file
        assertTrue(f.getFileName().toString().endsWith(".json"), "no temp file left: " + f);
      }
    }
  }
}
