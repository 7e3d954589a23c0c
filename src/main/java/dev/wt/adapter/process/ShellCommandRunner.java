package dev.wt.adapter.process;

import dev.wt.core.Secrets;
import dev.wt.core.WtException;
import dev.wt.port.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs user commands through {@code /bin/sh -c}, merging stderr into the streamed output. */
public final class ShellCommandRunner implements CommandRunner {

  @Override
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines) {
    return runShell(command, dir, env, lines, null);
  }

  @Override
  public Captured capture(String command, Path dir, Map<String, String> env, Consumer<String> stderrLines,
      Duration timeout) {
    java.nio.file.Path out = null;
    try {
      out = java.nio.file.Files.createTempFile("wt-stdout", ".txt");
      // stdout to a file of wt's, stderr streamed: the group kill of a streamed run stays as it is
      String wrapped = "{ " + command + "\n} > " + dev.wt.core.Shell.quote(out.toString());
      // the error names no command: the caller knows which one it ran (the wrapped text is wt's)
      int code = Exec.stream(List.of("/bin/sh", "-c", wrapped), dir, env, stderrLines, timeout,
          () -> WtException.partial("ran longer than its timeout of " + Exec.describe(timeout) + " and was stopped "
              + "(SIGTERM, then SIGKILL to its process group)", "find out why it hangs, or raise [setup] timeout in "
              + "wt.toml; then run it again"));
      return new Captured(code, java.nio.file.Files.readString(out));
    } catch (java.io.IOException e) {
      throw WtException.environment("cannot keep a command's output: " + e.getMessage(), "check the temp folder");
    } finally {
      if (out != null) {
        try {
          java.nio.file.Files.deleteIfExists(out);
        } catch (java.io.IOException ignored) {
          // a temp file left behind holds one command's output, nothing more
        }
      }
    }
  }

  @Override
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines, Duration timeout) {
    return Exec.stream(List.of("/bin/sh", "-c", command), dir, env, lines, timeout,
        () -> WtException.partial("command ran longer than its timeout of " + Exec.describe(timeout)
                + " and was stopped (SIGTERM, then SIGKILL to its process group): " + Secrets.mask(command),
            "find out why it hangs, or raise [setup] timeout in wt.toml; then run it again"));
  }
}
