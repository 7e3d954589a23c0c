package dev.wt.adapter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wt.port.ProcessTable;
import dev.wt.port.ProcessTable.Proc;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.Procs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Both process tables (the /proc one and the lsof + ps one macOS uses) see and signal the same. */
class ProcessTablesTest {

  @TempDir Path tmp;

  private static ProcessTable table(String kind) {
    if (kind.equals("proc")) {
      assumeTrue(LinuxProcesses.available(), "no /proc here");
      return new LinuxProcesses();
    }
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/lsof")) || Files.isExecutable(Path.of("/usr/sbin/lsof")),
        "no lsof here");
    return new LsofProcesses();
  }

  @ParameterizedTest
  @ValueSource(strings = {"proc", "lsof"})
  void a_process_is_seen_with_its_folder_group_and_command_and_signalled(String kind) throws Exception {
    Needs.setsid();
    ProcessTable table = table(kind);
    Path dir = Files.createDirectories(tmp.resolve("with space")).toRealPath();
    try (Procs procs = new Procs()) {
      long leader = procs.start(dir, "setsid", "sleep", "601");
      long plain = procs.start(dir, "sleep", "602");
      // seen once both have exec'd sleep (before that the child is still a copy of this JVM)
      List<Proc> all = Poll.first(Duration.ofSeconds(20), () -> {
        List<Proc> now = table.snapshot();
        boolean ready = find(now, leader).filter(x -> x.command().contains("sleep 601")).isPresent()
            && find(now, plain).filter(x -> x.command().contains("sleep 602")).isPresent();
        return ready ? now : null;
      });
      assertNotNull(all, "the table never showed both sleeps");
      Proc l = find(all, leader).orElseThrow(() -> new AssertionError("not seen: " + leader));
      Proc p = find(all, plain).orElseThrow();
      assertEquals(dir, l.cwd());
      assertEquals(leader, l.pgid(), "setsid made it a group leader");
      assertEquals(leader, l.sid());
      assertFalse(l.terminal());
      assertTrue(l.command().contains("sleep 601"), l.command());
      assertEquals(ProcessHandle.current().pid(), p.ppid());
      assertEquals(table.self(), ProcessHandle.current().pid());
      assertTrue(table.alive(l));

      table.signal(ProcessTable.Signal.TERM, List.of(leader), List.of(plain));
      assertTrue(Procs.gone(leader, 5) && Procs.gone(plain, 5));
      assertFalse(table.alive(l));
      assertFalse(table.alive(new Proc(ProcessHandle.current().pid(), 0, 0, 0, false, null, "x", 12345)),
          "a pid with another start stamp is another process");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"proc", "lsof"})
  void the_process_holding_a_file_open_is_found_and_no_other(String kind) throws Exception {
    ProcessTable table = table(kind);
    Path dir = Files.createDirectories(tmp.resolve("with space"));
    Path held = dir.resolve("packed-refs.lock");
    Path closed = Files.writeString(dir.resolve("closed.lock"), "");
    try (Procs procs = new Procs()) {
      long holder = procs.start(dir, "sh", "-c", "exec 3>\"$0\"; exec sleep 603", held.toString());
      // once sleep runs, the descriptor it inherited is what holds the file
      List<Proc> holding = Poll.first(Duration.ofSeconds(20), () -> {
        List<Proc> now = table.holding(held);
        return now.stream().anyMatch(x -> x.pid() == holder && x.command().contains("sleep 603")) ? now : null;
      });
      assertNotNull(holding, "never seen holding " + held);
      assertEquals(List.of(holder), holding.stream().map(Proc::pid).toList());
      assertEquals(List.of(), table.holding(closed), "a file written and closed is held by no one");
      assertEquals(List.of(), table.holding(dir.resolve("absent.lock")));
    }
  }

  private static Optional<Proc> find(List<Proc> all, long pid) {
    return all.stream().filter(x -> x.pid() == pid).findFirst();
  }
}
