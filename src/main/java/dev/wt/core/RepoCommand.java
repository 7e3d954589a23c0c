package dev.wt.core;

import java.util.Objects;

/**
 * A shell command wt runs for a worktree, named by the configuration key that gives it.
 *
 * @param key where the configuration names it: {@code setup.commands[0]}, {@code databases.app.migrate}
 * @param dir the folder it runs in, relative to the worktree ({@code .})
 * @param command the shell text, exactly as written
 * @param fromRepository true when a file the repository ships gives it (it needs approval); false
 *     when the user's own {@code wt.local.toml} does
 */
public record RepoCommand(String key, String dir, String command, boolean fromRepository) {

  public RepoCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(command, "command");
  }
}
