package dev.wt.adapter.process;

import dev.wt.core.WtException;
import dev.wt.port.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs user commands through {@code /bin/sh -c}, merging stderr into the streamed output. */
public final class ShellCommandRunner implements CommandRunner {

  /** How long output may keep arriving after the shell exited, from processes it left behind. */
  private static final Duration DRAIN = Duration.ofSeconds(2);

  /** How long a timed-out command's group gets between SIGTERM and SIGKILL. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Override
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines) {
    return runShell(command, dir, env, lines, null);
  }

  @Override
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines, Duration timeout) {
    // its own process group, so that a timeout stops everything it started, not just the shell
    List<String> cmd = new java.util.ArrayList<>(GroupLauncher.wrapper());
    cmd.addAll(List.of("/bin/sh", "-c", command));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw WtException.environment("cannot start /bin/sh: " + e.getMessage(), "wt needs a POSIX shell at /bin/sh");
    }
    // Read on a daemon thread and wait for the shell itself: a command that starts something in
    // the background (a dev server, "docker compose up &") leaves it holding the pipe, and
    // reading to the end of the output would then wait for that process, maybe forever.
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.accept(line);
        }
      } catch (IOException e) {
        // the pipe broke: the exit code still tells whether the command worked
      }
    }, "wt-command-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (timeout != null && !p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        stopGroup(p);
        reader.join(DRAIN.toMillis());
        throw WtException.partial("command ran longer than its timeout of " + describe(timeout)
                + " and was stopped (SIGTERM, then SIGKILL to its process group): " + command,
            "find out why it hangs, or raise [setup] timeout in wt.toml; then run it again");
      }
      int code = p.waitFor();
      reader.join(DRAIN.toMillis()); // what the command printed before it exited is still in the pipe
      return code;
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running '" + command + "'", e);
    }
  }

  private static void stopGroup(Process p) throws InterruptedException {
    long group = p.pid(); // the session leader's pid is its group's id
    Signals.send(dev.wt.port.ProcessTable.Signal.TERM, List.of(group), List.of());
    if (!p.waitFor(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      Signals.send(dev.wt.port.ProcessTable.Signal.KILL, List.of(group), List.of());
      p.waitFor();
    } else {
      // the shell is gone; what it started in the group may not be
      Signals.send(dev.wt.port.ProcessTable.Signal.KILL, List.of(group), List.of());
    }
  }

  private static String describe(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }
}
