package dev.wt.core.config;

import java.util.List;

/**
 * Shell commands {@code wt down} and {@code wt teardown} run before anything of the worktree is
 * removed, to undo what set-up commands did outside it.
 */
public record TeardownConfig(List<String> commands) {

  public TeardownConfig {
    commands = commands == null ? List.of() : List.copyOf(commands);
    for (String c : commands) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("teardown.commands must not contain empty commands");
      }
    }
  }
}
