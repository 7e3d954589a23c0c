package dev.wt.core.config;

import java.util.List;

/**
 * Files a new worktree gets from the main worktree: shared ones symlinked, private ones copied,
 * and (when {@code worktreeinclude} is on) the gitignored files matched by {@code .worktreeinclude}.
 */
public record FilesConfig(List<String> symlink, List<String> copy, Boolean worktreeinclude) {

  public FilesConfig {
    symlink = symlink == null ? List.of() : List.copyOf(symlink);
    copy = copy == null ? List.of() : List.copyOf(copy);
    worktreeinclude = worktreeinclude == null ? Boolean.TRUE : worktreeinclude;
    symlink.forEach(p -> ConfigPaths.requireRelative("files.symlink", p));
    copy.forEach(p -> ConfigPaths.requireRelative("files.copy", p));
  }
}
