package dev.wt.app.process;

import dev.wt.core.WtException;
import dev.wt.port.ProcessLauncher;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.wt.app.Services;

/** Runs a program with its worktree's variables set over the inherited environment. */
public final class RunUseCase {

  private final Services services;
  private final EnvUseCase env;
  private final ProcessLauncher launcher;

  public RunUseCase(Services services, EnvUseCase env, ProcessLauncher launcher) {
    this.services = services;
    this.env = env;
    this.launcher = launcher;
  }

  /**
   * Runs {@code command} in {@code dir} and returns its exit code. Outside a provisioned worktree
   * (the main checkout running {@code npm run dev}) it still runs, without worktree variables.
   */
  public int run(Path dir, List<String> command, Reporter reporter) {
    Optional<EnvUseCase.Environment> found;
    try {
      found = env.find(dir);
    } catch (WtException e) {
      if (e.exitCode() != dev.wt.core.ExitCode.ENVIRONMENT) {
        throw e;
      }
      found = Optional.empty();
    }
    Map<String, String> vars = new HashMap<>(services.env());
    if (found.isPresent()) {
      vars.putAll(found.get().variables());
      if (found.get().warning() != null) {
        reporter.warn(found.get().warning());
      }
    } else {
      reporter.warn("no wt environment in " + dir + ": running " + command.get(0) + " without worktree variables");
    }
    return launcher.run(command, dir, vars);
  }
}
