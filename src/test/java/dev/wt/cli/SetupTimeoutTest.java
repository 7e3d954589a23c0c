package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Procs;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set-up command that hangs is stopped, with everything it started, after [setup] timeout. */
class SetupTimeoutTest {

  private static final Map<String, String> ENV = Map.of("WT_PG_MODE", "none", "WT_TRUST", "1");

  @TempDir Path tmp;

  @Test
  void a_hanging_setup_command_is_stopped_with_its_process_group_and_reported_as_exit_4() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[setup]\ntimeout = \"2s\"\n"
        + "commands = [\"sleep 600 & echo $! > ../bg.pid; sleep 600\"]\n").commitAll("config");

    WtRun r = WtRun.in(repo.root(), ENV, "up", "feat/slow").expect(4);
    assertTrue(r.err().contains("timeout of 2 s") && r.err().contains("sleep 600"), r.err());
    try (Procs procs = new Procs()) {
      long bg = procs.track(Long.parseLong(Files.readString(tmp.resolve("bg.pid")).strip()));
      // the shell's background child was in its process group: it got the signal too
      assertTrue(Procs.gone(bg, 20), "the background sleep outlived the timeout");
    }
  }

  @Test
  void a_timeout_that_is_not_a_duration_is_refused() {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[setup]\ntimeout = \"soon\"\n").commitAll("config");
    WtRun r = WtRun.in(repo.root(), ENV, "up", "feat/x");
    assertTrue(r.exitCode() != 0 && r.err().contains("setup.timeout"), r.err());
  }
}
