package dev.wt.testing;

import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.adapter.fs.LocalWorktreeFiles;
import dev.wt.adapter.fs.NioLocalFiles;
import dev.wt.adapter.fs.TomlConfigLoader;
import dev.wt.adapter.git.GitCli;
import dev.wt.adapter.process.LinuxProcesses;
import dev.wt.adapter.process.LsofProcesses;
import dev.wt.adapter.process.ShellCommandRunner;
import dev.wt.app.Services;
import dev.wt.port.Git;
import java.util.Map;

/** The adapters a use case gets from the CLI, for tests that call a use case (or a part of one) directly. */
public final class RealServices {

  private RealServices() {}

  /** Real git and disk. */
  public static Services of() {
    return with(git());
  }

  /** Real disk, with {@code git} (the real one, wrapped by a test to step in at a chosen call). */
  public static Services with(Git git) {
    return new Services(git, new TomlConfigLoader(), JsonStateStore::new, new LocalWorktreeFiles(), new NioLocalFiles(),
        new ShellCommandRunner(), Map.of());
  }

  /** The git adapter the CLI uses. */
  public static Git git() {
    return new GitCli(LinuxProcesses.available() ? new LinuxProcesses() : new LsofProcesses(), message -> { });
  }
}
