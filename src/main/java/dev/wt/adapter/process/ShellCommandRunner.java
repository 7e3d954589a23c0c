package dev.wt.adapter.process;

import dev.wt.core.WtException;
import dev.wt.port.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs user commands through {@code /bin/sh -c}, merging stderr into the streamed output. */
public final class ShellCommandRunner implements CommandRunner {

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
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.accept(line);
      }
      return p.waitFor();
    } catch (IOException e) {
      throw WtException.environment("lost the output of '" + command + "': " + e.getMessage(), "run it by hand");
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running '" + command + "'", e);
    }
  }
}
