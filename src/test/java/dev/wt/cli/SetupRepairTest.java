package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record's list of wt's files stays complete: setups of one worktree never interleave, and setup repairs a lost list. */
class SetupRepairTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path record;

  @BeforeEach
  void worktree() {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".env.local", "SECRET=1\n");
    repo.write("wt.toml", "[files]\nsymlink = [\".env.local\"]\n").commitAll("wt config");
    record = repo.path(".git/wt/worktrees/x_d6e256.json");
  }

  @Test
  void wt_setup_repairs_a_record_that_lost_its_files_so_down_can_remove_the_worktree() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode broken = (ObjectNode) mapper.readTree(record.toFile());
    broken.putArray("files"); // what two racing setups used to leave
    Files.writeString(record, mapper.writeValueAsString(broken));

    WtRun.in(tmp.resolve("demo-x"), "setup").ok();

    assertEquals(List.of(".env.local", ".env.development.local"), files());
    WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(Files.notExists(tmp.resolve("demo-x")));
  }

  @Test
  void concurrent_setups_of_one_worktree_leave_every_file_in_the_record() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<WtRun>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit((Callable<WtRun>) () -> WtRun.in(wt, "setup")));
      }
      for (Future<WtRun> run : runs) {
        run.get().ok();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(List.of(".env.local", ".env.development.local"), files());
    WtRun.in(repo.root(), "down", "feat/x").ok();
  }

  private List<String> files() throws Exception {
    JsonNode r = new ObjectMapper().readTree(record.toFile());
    List<String> out = new ArrayList<>();
    r.get("files").forEach(f -> out.add(f.get("path").asText()));
    return out;
  }
}
