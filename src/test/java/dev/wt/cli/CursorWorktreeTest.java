package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.adapter.fs.Json;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Cursor's flow: it makes the worktree itself, runs {@code .cursor/worktrees.json}'s commands in it,
 * and later deletes the folder with no teardown hook; {@code wt gc} then releases what wt set up.
 */
class CursorWorktreeTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repository() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Random random = new Random();
    project = "wtcur" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "XDG_STATE_HOME", tmp.resolve("state").toString());
  }

  @AfterEach
  void dropWhatTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  /** The example's unix set-up commands, each a wt command line. */
  private static List<List<String>> exampleCommands() throws IOException {
    JsonNode doc = Json.mapper().readTree(Path.of("examples/cursor/.cursor/worktrees.json").toFile());
    List<List<String>> commands = new ArrayList<>();
    doc.get("setup-worktree-unix").forEach(c -> {
      List<String> words = List.of(c.asText().split(" "));
      assertEquals("wt", words.get(0), "the example runs wt: " + c);
      commands.add(words.subList(1, words.size()));
    });
    return commands;
  }

  private List<String> claims() throws IOException {
    Path dir = tmp.resolve("state/wt/ports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".port")).toList();
    }
  }

  private static long recordsIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  @Test
  void a_cursor_worktree_set_up_by_the_example_and_deleted_by_hand_is_released_by_gc() throws Exception {
    // Cursor puts its worktrees under ~/.cursor/worktrees/<repo>/<id>, on a detached HEAD
    Path wt = tmp.resolve("cursor/worktrees/app/k3f9");
    repo.git("worktree", "add", "-q", "--detach", wt.toString());
    Map<String, String> cursorEnv = new HashMap<>(env);
    cursorEnv.put("ROOT_WORKTREE_PATH", repo.root().toString());
    for (List<String> command : exampleCommands()) {
      WtRun.in(wt, cursorEnv, command.toArray(String[]::new)).ok();
    }
    JsonNode status = Json.mapper().readTree(WtRun.in(wt, env, "db", "status", "--json").ok().out());
    String db = status.at("/databases/0/database").asText();
    assertTrue(db.startsWith(project + "_"), status.toString());
    assertTrue(PG.databases().contains(db), "wt setup made the worktree's database");
    assertFalse(claims().isEmpty(), "and claimed its ports");
    Path records = repo.root().resolve(".git/wt/worktrees");
    assertEquals(1, recordsIn(records), "and wrote its record");

    // Cursor removes the folder; git forgets it
    try (Stream<Path> walk = Files.walk(wt)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    repo.git("worktree", "prune");

    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertFalse(PG.databases().contains(db), gc.out() + gc.err());
    assertTrue(claims().isEmpty(), "ports released: " + claims());
    assertEquals(0, recordsIn(records), "record released");
    assertTrue(WtRun.in(repo.root(), env, "gc").ok().out().contains("nothing to release"));
  }
}
