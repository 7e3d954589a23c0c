package dev.wt.app;

import dev.wt.port.CommandRunner;
import dev.wt.port.ConfigLoader;
import dev.wt.port.Git;
import dev.wt.port.LocalFiles;
import dev.wt.port.StateStore;
import dev.wt.port.WorktreeFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The adapters a use case may call, wired once by the CLI.
 *
 * @param env the process environment wt was started with (CONDUCTOR_*, NO_COLOR, ...)
 * @param stateStores opens the state of the repository whose git common dir is given
 * @param disk the rest of the local disk: folders that may be gone, markers, small text files
 */
public record Services(
    Git git,
    ConfigLoader configLoader,
    Function<Path, StateStore> stateStores,
    WorktreeFiles files,
    LocalFiles disk,
    CommandRunner commands,
    Map<String, String> env) {

  public Services {
    Objects.requireNonNull(git);
    Objects.requireNonNull(configLoader);
    Objects.requireNonNull(stateStores);
    Objects.requireNonNull(files);
    Objects.requireNonNull(disk);
    Objects.requireNonNull(commands);
    env = Map.copyOf(env);
  }
}
