package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.core.WorktreeRecord;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten separate wt processes at once: never a shared port or URL, and one branch made exactly once. */
class ParallelUpIT {

  @TempDir Path tmp;

  @Test
  void ten_concurrent_wt_up_processes_get_distinct_port_blocks() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "par");
    // a small range makes preferred blocks collide, so the lock and the fallback really work
    repo.write("wt.toml", "[ports]\ncount = 2\nrange = [47100, 47139]\n").commitAll("wt config");
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      runs.add(WtBinary.start(repo.root(), tmp.resolve("up" + i + ".log"), Map.of(), "up", "feat/p" + i));
    }
    for (int i = 0; i < runs.size(); i++) {
      assertTrue(runs.get(i).waitFor(120, TimeUnit.SECONDS));
      int code = runs.get(i).exitValue();
      String log = Files.readString(tmp.resolve("up" + i + ".log"));
      assertEquals(0, code, log);
    }
    List<WorktreeRecord> records = new JsonStateStore(repo.root().resolve(".git")).all();
    assertEquals(10, records.size());
    Set<Integer> ports = new HashSet<>();
    Set<String> urls = new HashSet<>();
    for (WorktreeRecord r : records) {
      assertEquals(2, r.ports().size(), r.slug());
      for (int p : r.ports()) {
        assertTrue(ports.add(p), "port " + p + " handed out twice");
      }
      assertTrue(urls.add(r.url()), "url " + r.url() + " handed out twice");
    }
  }

  @Test
  void ten_concurrent_wt_up_of_one_branch_make_it_once_and_the_others_find_it_there() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "same");
    repo.write("wt.toml", "[ports]\nrange = [47140, 47149]\n").commitAll("wt config");
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      runs.add(WtBinary.start(repo.root(), tmp.resolve("same" + i + ".log"), Map.of(), "up", "feat/same"));
    }
    int made = 0;
    for (int i = 0; i < runs.size(); i++) {
      // a bound for a hung run, not a speed check: ten JVMs that wait for each other on a loaded machine
      assertTrue(runs.get(i).waitFor(600, TimeUnit.SECONDS));
      String log = Files.readString(tmp.resolve("same" + i + ".log"));
      assertEquals(0, runs.get(i).exitValue(), log);
      made += log.contains("ready: ") ? 1 : 0;
      assertTrue(log.contains("ready: ") || log.contains("already there: "), log);
    }
    assertEquals(1, made, "exactly one up made the worktree");
    List<WorktreeRecord> records = new JsonStateStore(repo.root().resolve(".git")).all();
    assertEquals(1, records.size());
    assertEquals(List.of(".env.development.local"),
        records.get(0).files().stream().map(dev.wt.core.GeneratedFile::path).toList(), "the record lists wt's files");
    Process down = WtBinary.start(repo.root(), tmp.resolve("down.log"), Map.of(), "down", "feat/same");
    assertTrue(down.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, down.exitValue(), Files.readString(tmp.resolve("down.log")));
  }
}
