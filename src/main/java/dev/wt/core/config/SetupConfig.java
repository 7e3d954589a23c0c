package dev.wt.core.config;

import java.util.List;

/** Shell commands run inside a worktree after everything else is in place. */
public record SetupConfig(List<String> commands) {

  public SetupConfig {
    commands = commands == null ? List.of() : List.copyOf(commands);
    for (String c : commands) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("setup.commands must not contain empty commands");
      }
    }
  }
}
