package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Procs;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSignalIT {

  @TempDir Path tmp;
  private Path wt;
  /** wt run and what it started: ended at the end even when an assertion failed first. */
  private final Procs procs = new Procs();

  @BeforeEach
  void worktree() {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[ports]\nrange = [45100, 45999]\n").commitAll("wt config");
    WtRun.in(repo.root(), "up", "feat/sig").ok();
    wt = tmp.resolve("app-sig");
  }

  @AfterEach
  void endWhatTheTestStarted() {
    procs.close();
  }

  /** Starts {@code wt run} with a program that writes its pid, then a child's, and waits. */
  private Process start(String script) {
    Process p = WtBinary.start(wt, tmp.resolve("log"), Map.of(), "run", "--", "sh", "-c", script);
    procs.track(p.pid());
    return p;
  }

  private String log() throws Exception {
    return Files.exists(tmp.resolve("log")) ? Files.readString(tmp.resolve("log")) : "";
  }

  @Test
  void sigterm_to_wt_reaches_the_whole_group_and_wt_exits_143() throws Exception {
    Process wtRun = start("sleep 600 & echo $! > " + tmp.resolve("child") + "; echo $$ > " + tmp.resolve("shell")
        + "; wait");
    long child = procs.track(Long.parseLong(Procs.await(tmp.resolve("child"))));
    long shell = procs.track(Long.parseLong(Procs.await(tmp.resolve("shell"))));
    new ProcessBuilder("kill", "-TERM", Long.toString(wtRun.pid())).start().waitFor();
    assertTrue(wtRun.waitFor(20, TimeUnit.SECONDS), log());
    assertEquals(143, wtRun.exitValue(), log());
    assertTrue(Procs.gone(child, 5), "the program's child got the signal too");
    assertTrue(Procs.gone(shell, 5));
  }

  @Test
  void sigint_is_passed_on_once_and_the_programs_own_exit_code_wins() throws Exception {
    Path count = tmp.resolve("count");
    Process wtRun = start("trap 'echo INT >> " + count + "; exit 42' INT; echo ready > " + tmp.resolve("ready")
        + "; while :; do sleep 0.05; done");
    Procs.await(tmp.resolve("ready"));
    new ProcessBuilder("kill", "-INT", Long.toString(wtRun.pid())).start().waitFor();
    assertTrue(wtRun.waitFor(20, TimeUnit.SECONDS), log());
    assertEquals(42, wtRun.exitValue(), log());
    assertEquals("INT", Files.readString(count).strip(), "exactly one SIGINT reached the program");
  }

  @Test
  void a_program_killed_by_a_signal_makes_wt_exit_128_plus_that_signal() throws Exception {
    Process wtRun = start("kill -KILL $$");
    assertTrue(wtRun.waitFor(20, TimeUnit.SECONDS), log());
    assertEquals(137, wtRun.exitValue(), log());
    Process ok = start("exit 3");
    assertTrue(ok.waitFor(20, TimeUnit.SECONDS));
    assertEquals(3, ok.exitValue(), log());
  }
}
