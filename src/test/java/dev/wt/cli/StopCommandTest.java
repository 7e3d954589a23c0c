package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.Procs;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopCommandTest {

  @TempDir Path tmp;

  private final Procs procs = new Procs();
  private GitRepo repo;
  private Path wt;

  @BeforeEach
  void worktree() throws IOException {
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[ports]\nrange = [43100, 43999]\n").commitAll("wt config");
    WtRun.in(repo.root(), "up", "feat/stop").ok();
    wt = tmp.resolve("app-stop").toRealPath();
  }

  @AfterEach
  void cleanup() {
    procs.close();
  }

  @Test
  void stop_ends_exactly_the_processes_inside_the_worktree() throws Exception {
    Needs.python3();
    Needs.setsid();
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    long plain = procs.start(wt, "sleep", "600");
    long subfolder = procs.start(Files.createDirectories(wt.resolve("src")), "sleep", "600");
    long leader = procs.startGroup(wt, "sleep 600 & echo $! > " + tmp.resolve("child.pid") + "; wait");
    long child = procs.track(Long.parseLong(Procs.await(tmp.resolve("child.pid"))));
    int port = Integer.parseInt(variables().get("WT_PORT"));
    long server = procs.start(wt, "/usr/bin/python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1");
    awaitListening(port);
    // one group, two folders: only its member inside the worktree may go
    long mixedLeader = procs.startGroup(outside, "(cd " + wt + " && exec sleep 600) & echo $! > " + tmp.resolve("in.pid")
        + "; sleep 600 & echo $! > " + tmp.resolve("out.pid") + "; wait");
    long mixedInside = procs.track(Long.parseLong(Procs.await(tmp.resolve("in.pid"))));
    long mixedOutside = procs.track(Long.parseLong(Procs.await(tmp.resolve("out.pid"))));
    long mainSleep = procs.start(repo.root(), "sleep", "600");
    long otherGroup = procs.startGroup(outside, "exec sleep 600");
    List<Long> inside = List.of(plain, subfolder, leader, child, server, mixedInside);
    List<Long> outsiders = List.of(mixedLeader, mixedOutside, mainSleep, otherGroup);

    WtRun dry = WtRun.in(repo.root(), "stop", "--dry-run", "feat/stop").ok();
    for (long pid : inside) {
      assertTrue(dry.out().contains("would-stop") && dry.out().contains(" " + pid + "  "), dry.out());
      assertTrue(Procs.alive(pid), "--dry-run must not kill " + pid);
    }

    WtRun stop = WtRun.in(repo.root(), "stop", "feat/stop").ok();
    for (long pid : inside) {
      assertTrue(Procs.gone(pid, 5), "still running inside the worktree: " + pid + "\n" + stop.out() + stop.err());
    }
    for (long pid : outsiders) {
      assertTrue(Procs.alive(pid), "an outside process was stopped: " + pid + "\n" + stop.out());
    }
    assertTrue(stop.out().contains("http.server"), stop.out());
    assertFalse(listening(port), "the worktree's port is free again");
  }

  @Test
  void a_process_that_ignores_sigterm_is_killed_after_the_grace_period() {
    Needs.python3();
    long stubborn = procs.start(wt, "/usr/bin/python3", "-c",
        "import signal, time, pathlib; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
            + " pathlib.Path('" + tmp.resolve("ready") + "').write_text('1'); time.sleep(600)");
    Procs.await(tmp.resolve("ready"));
    WtRun stop = WtRun.in(wt, "stop", "--grace", "0.3").ok();
    assertTrue(Procs.gone(stubborn, 5));
    assertTrue(stop.out().contains("killed") && stop.out().contains(Long.toString(stubborn)), stop.out());
  }

  @Test
  void stop_in_an_idle_worktree_says_nothing_runs_and_json_lists_what_it_did() {
    WtRun idle = WtRun.in(repo.root(), "stop", wt.toString()).ok();
    assertTrue(idle.out().contains("nothing running in " + wt), idle.out());
    long p = procs.start(wt, "sleep", "600");
    WtRun json = WtRun.in(repo.root(), "stop", "--json", "feat/stop").ok();
    assertTrue(json.out().contains("\"pid\" : " + p) && json.out().contains("\"outcome\" : \"terminated\""), json.out());
    WtRun.in(repo.root(), "stop", "feat/nope").expect(1);
  }

  @Test
  void a_symlinked_or_moved_worktree_is_matched_by_its_real_folder() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-wt"), wt);
    long viaLink = procs.start(link, "sleep", "600");
    WtRun.in(repo.root(), "stop", link.toString()).ok();
    assertTrue(Procs.gone(viaLink, 5), "started through a symlink, stopped through it");

    Path moved = tmp.resolve("renamed-workspace");
    repo.git("worktree", "move", wt.toString(), moved.toString());
    long inMoved = procs.start(moved, "sleep", "600");
    WtRun stop = WtRun.in(repo.root(), "stop", "feat/stop").ok();
    assertTrue(Procs.gone(inMoved, 5), stop.out());
  }

  @Test
  void stop_without_a_target_in_the_main_worktree_is_refused_and_signals_nothing() throws IOException {
    long mainServer = procs.start(repo.root(), "sleep", "600");
    long linked = procs.start(wt, "sleep", "600");
    Path sub = Files.createDirectories(repo.path("src"));
    for (Path where : List.of(repo.root(), sub)) {
      for (String[] args : List.of(new String[] {"stop"}, new String[] {"stop", "--dry-run"},
          new String[] {"stop", "--json"})) {
        WtRun r = WtRun.in(where, args).expect(1);
        assertRefusal(r, "wt stop without a target in the main worktree would stop your main checkout's processes",
            "--all-worktrees");
        assertTrue(r.out().isEmpty(), r.out());
      }
    }
    assertTrue(Procs.alive(mainServer) && Procs.alive(linked), "nothing was signalled");
  }

  @Test
  void all_worktrees_stops_every_linked_worktree_and_never_the_main_one() throws IOException {
    WtRun.in(repo.root(), "up", "feat/two").ok();
    Path two = tmp.resolve("app-two").toRealPath();
    long mainServer = procs.start(repo.root(), "sleep", "600");
    long first = procs.start(wt, "sleep", "600");
    long second = procs.start(two, "sleep", "600");

    WtRun.in(repo.root(), "stop", "--all-worktrees", "feat/two").expect(2);
    WtRun dry = WtRun.in(repo.root(), "stop", "--all-worktrees", "--dry-run", "--json").ok();
    var listed = dev.wt.testing.Checks.json(dry);
    assertTrue(listed.isArray() && listed.size() == 2, dry.out());
    assertFalse(dry.out().contains("\"pid\" : " + mainServer + ","), dry.out());

    WtRun stop = WtRun.in(repo.root(), "stop", "--all-worktrees").ok();
    assertTrue(Procs.gone(first, 5) && Procs.gone(second, 5), stop.out() + stop.err());
    assertTrue(Procs.alive(mainServer), "the main checkout's process was stopped\n" + stop.out());
    assertTrue(stop.out().contains(wt + ":") && stop.out().contains(two + ":"), stop.out());
  }

  @Test
  void the_main_worktree_is_stopped_only_when_named_and_a_folder_outside_every_worktree_is_refused() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    long stranger = procs.start(outside, "sleep", "600");
    WtRun r = WtRun.in(repo.root(), "stop", outside.toString()).expect(1);
    assertRefusal(r, outside.toRealPath() + " is not inside a worktree of this repository", "wt list");
    assertTrue(Procs.alive(stranger));

    long linked = procs.start(wt, "sleep", "600");
    long byPath = procs.start(repo.root(), "sleep", "600");
    WtRun.in(repo.root(), "stop", repo.root().toString()).ok();
    assertTrue(Procs.gone(byPath, 5), "named by its path, the main worktree is stopped");
    long byBranch = procs.start(repo.root(), "sleep", "600");
    WtRun.in(wt, "stop", "main").ok();
    assertTrue(Procs.gone(byBranch, 5), "named by its branch, the main worktree is stopped");
    assertTrue(Procs.alive(linked), "a worktree that was not named keeps running");
  }

  @Test
  void down_stops_the_worktrees_processes_before_removing_it() {
    long p = procs.startGroup(wt, "exec sleep 600");
    WtRun down = WtRun.in(repo.root(), "down", "feat/stop").ok();
    assertTrue(Procs.gone(p, 5), down.err());
    assertTrue(down.err().contains("stopped pid " + p), down.err());
    assertFalse(Files.exists(wt));
  }

  private Map<String, String> variables() throws IOException {
    String json = WtRun.in(wt, "env", "--format", "json").ok().out();
    @SuppressWarnings("unchecked")
    Map<String, String> vars = dev.wt.adapter.fs.Json.mapper().readValue(json, Map.class);
    return vars;
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void awaitListening(int port) {
    Poll.await("something listens on " + port, Duration.ofSeconds(20), () -> listening(port));
  }
}
