package dev.wt.app.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.adapter.process.LocalPortProbe;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.config.PortsConfig;
import dev.wt.core.config.WtConfig;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.wt.app.Repo;

class PortProvisionerTest {

  @TempDir Path tmp;

  private final LocalPortProbe probe = new LocalPortProbe();

  private Repo repo(int count, int first, int last) {
    WtConfig config = new WtConfig(null, null, null, null, null, null, null, null, null, null,
        new PortsConfig(count, List.of(first, last)), null);
    Git.RepoLocation loc = new Git.RepoLocation(tmp, tmp.resolve(".git"), tmp.resolve(".git"), tmp, "main");
    return new Repo(loc, config, new JsonStateStore(tmp.resolve(".git")), "demo", "main",
        new dev.wt.adapter.fs.NioLocalFiles());
  }

  private static WorktreeRecord record(Repo repo, String branch) {
    WorktreeRecord r = new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, "demo", WorktreeIdentity.derive(branch),
        "/tmp/demo-" + branch.replace('/', '-'), "/tmp/demo", "up", true, Instant.now(), List.of(), null);
    repo.state().save(r);
    return r;
  }

  private WorktreeRecord provision(Repo repo, WorktreeRecord r, Reporter reporter) {
    PortProvisioner p = new PortProvisioner(probe, Map.of());
    return repo.state().locked(() -> p.provision(repo, r, reporter));
  }

  @Test
  void twelve_parallel_allocations_get_distinct_blocks_that_are_free() throws Exception {
    Repo repo = repo(3, 42100, 42399);
    int n = 12;
    List<WorktreeRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(record(repo, "feat/parallel-" + i));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<WorktreeRecord>> results = new ArrayList<>();
    for (WorktreeRecord r : records) {
      results.add(pool.submit(() -> {
        start.await();
        // each thread opens the state as a separate wt process would
        Repo own = new Repo(repo.location(), repo.config(), new JsonStateStore(tmp.resolve(".git")), "demo", "main",
            repo.disk());
        return provision(own, r, Reporter.SILENT);
      }));
    }
    start.countDown();
    Set<Integer> all = new HashSet<>();
    for (Future<WorktreeRecord> f : results) {
      List<Integer> ports = f.get().ports();
      assertEquals(3, ports.size());
      assertEquals(ports.get(0) + 2, ports.get(2), "a block is consecutive");
      for (int port : ports) {
        assertTrue(all.add(port), "port " + port + " handed out twice: " + all);
        assertTrue(port >= 42100 && port <= 42399);
      }
    }
    pool.shutdown();
    for (WorktreeRecord r : repo.state().all()) {
      assertEquals(3, r.ports().size(), "every allocation is in the state: " + r.slug());
    }
  }

  @Test
  void a_busy_port_is_skipped_and_its_holder_named() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    // a port the system just handed out is free of other programs; the range is laid around it so
    // that it is the worktree's preferred one
    try (ServerSocket holder = new ServerSocket()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      int preferred = holder.getLocalPort();
      int offset = (int) Math.floorMod(PortProvisioner.hash(dev.wt.core.WorktreeIdentity.derive("feat/busy").slug()), 100L);
      Repo repo = repo(1, preferred - offset, preferred - offset + 99);
      WorktreeRecord r = record(repo, "feat/busy");
      assertEquals(preferred, preferred - offset + (int) Math.floorMod(PortProvisioner.hash(r.slug()), 100L));
      assertFalse(probe.isFree(preferred));
      WorktreeRecord done = provision(repo, r, recording(warnings));
      int got = done.ports().get(0);
      assertNotEquals(preferred, got);
      assertTrue(probe.isFree(got));
      String warning = String.join("\n", warnings);
      assertTrue(warning.contains("port " + preferred + " is in use by pid " + ProcessHandle.current().pid()), warning);
    }
  }

  @Test
  void ports_are_frozen_on_rerun_and_reused_after_release() {
    Repo repo = repo(2, 42500, 42599);
    WorktreeRecord a = provision(repo, record(repo, "feat/frozen"), Reporter.SILENT);
    WorktreeRecord again = provision(repo, a, Reporter.SILENT);
    assertEquals(a.ports(), again.ports());

    Repo wider = repo(5, 42500, 42599);
    assertEquals(a.ports(), provision(wider, a, Reporter.SILENT).ports(), "a changed count does not move ports");

    WorktreeRecord released = new PortProvisioner(probe, Map.of()).release(repo, a, Reporter.SILENT);
    assertTrue(released.ports().isEmpty());
    repo.state().delete(a.slug());
    WorktreeRecord b = provision(repo, record(repo, "feat/frozen"), Reporter.SILENT);
    assertEquals(a.ports(), b.ports(), "the same slug gets the same block back once it is free");
  }

  @Test
  void conductor_port_wins_with_ten_ports() {
    Repo repo = repo(1, 42600, 42699);
    PortProvisioner p = new PortProvisioner(probe, Map.of("CONDUCTOR_PORT", "42710"));
    WorktreeRecord r = record(repo, "feat/conductor");
    WorktreeRecord done = repo.state().locked(() -> p.provision(repo, r, Reporter.SILENT));
    assertEquals(10, done.ports().size());
    assertEquals(42710, done.ports().get(0));
    assertEquals("42719", dev.wt.core.WorktreeVariables.ports(done.ports()).get("WT_PORT_9"));
    assertEquals("42710", dev.wt.core.WorktreeVariables.ports(done.ports()).get("PORT"));
  }

  @Test
  void a_full_range_is_refused_with_a_hint() {
    Repo repo = repo(1, 42800, 42801);
    provision(repo, record(repo, "feat/one"), Reporter.SILENT);
    provision(repo, record(repo, "feat/two"), Reporter.SILENT);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.wt.core.WtException.class,
        () -> provision(repo, record(repo, "feat/three"), Reporter.SILENT));
    assertTrue(e.getMessage().contains("no free block of 1 port(s)"), e.getMessage());
    assertEquals(dev.wt.core.ExitCode.REFUSED, e.exitCode());
  }

  static Reporter recording(List<String> warnings) {
    return new Reporter() {
      @Override public void done(String message) {}
      @Override public void unchanged(String message) {}
      @Override public void warn(String message) {
        warnings.add(message);
      }
      @Override public void progress(String message) {}
      @Override public void commandOutput(String line) {}
    };
  }
}
