package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a terminal wt shows the repository's commands and asks; yes runs them and is remembered. */
class TrustPromptIT {

  @TempDir Path tmp;
  GitRepo repo;
  Path state;

  @BeforeEach
  void repositoryWhoseConfigRunsACommand() {
    repo = GitRepo.create(tmp, "demo");
    repo.write("wt.toml", "[postgres]\nmode = \"none\"\n[setup]\ncommands = [\"touch canary\"]\n").commitAll("cfg");
    state = tmp.resolve("state");
  }

  private Path worktree(String name) {
    Path wt = tmp.resolve(name);
    repo.git("worktree", "add", "-q", "-b", "feat/" + name, wt.toString());
    return wt;
  }

  /** {@code wt setup} under script(1), which gives it a pseudo-terminal, typing {@code answer}. */
  private record Typed(int exitCode, String output) {}

  private Typed setupOnATerminal(Path dir, String answer) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", WtBinary.path() + " setup", "/dev/null")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("WT_TRUST");
    pb.environment().put("XDG_STATE_HOME", state.toString());
    pb.environment().put("NO_COLOR", "1");
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Typed(p.waitFor(), out);
  }

  @Test
  void no_on_the_terminal_skips_the_commands_and_exits_4() throws Exception {
    Path wt = worktree("no");
    Typed r = setupOnATerminal(wt, "n");
    assertTrue(r.output().contains("asks wt to run these commands"), r.output());
    assertTrue(r.output().contains("touch canary"), r.output());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("hint: wt trust, then wt setup"), r.output());
    assertFalse(Files.exists(wt.resolve("canary")), r.output());
  }

  @Test
  void yes_on_the_terminal_runs_them_and_is_remembered_for_the_repository() throws Exception {
    Path wt = worktree("yes");
    Typed r = setupOnATerminal(wt, "y");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(Files.exists(wt.resolve("canary")), r.output());

    Path next = worktree("next");
    WtRun.in(next, Map.of("XDG_STATE_HOME", state.toString(), "WT_TRUST", ""), "setup").ok();
    assertTrue(Files.exists(next.resolve("canary")), "approved once, the next worktree runs them without asking");
  }
}
