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

  @Override
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines) {
    ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command))
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
      int code = p.waitFor();
      reader.join(DRAIN.toMillis()); // what the command printed before it exited is still in the pipe
      return code;
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running '" + command + "'", e);
    }
  }
}
