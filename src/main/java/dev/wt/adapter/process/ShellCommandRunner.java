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
  public int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines, Duration timeout) {
    return Exec.stream(List.of("/bin/sh", "-c", command), dir, env, lines, timeout,
        () -> WtException.partial("command ran longer than its timeout of " + Exec.describe(timeout)
                + " and was stopped (SIGTERM, then SIGKILL to its process group): " + Secrets.mask(command),
            "find out why it hangs, or raise [setup] timeout in wt.toml; then run it again"));
  }
}
