package dev.wt.core.config;

import java.util.List;

/**
 * Files a new worktree gets from the main worktree: shared ones symlinked, private ones copied,
 * the gitignored files matched by {@code .worktreeinclude} (copied, linked or left out), and files
 * rendered from templates.
 *
 * @param worktreeinclude {@code true} or {@code "copy"} (the default), {@code "symlink"}, {@code false} or {@code "off"}
 */
public record FilesConfig(List<String> symlink, List<String> copy, Object worktreeinclude,
    List<TemplateFileConfig> template) {

  /** What happens to the files {@code .worktreeinclude} matches. */
  public enum Include { COPY, SYMLINK, OFF }

  public FilesConfig {
    symlink = symlink == null ? List.of() : List.copyOf(symlink);
    copy = copy == null ? List.of() : List.copyOf(copy);
    template = template == null ? List.of() : List.copyOf(template);
    // TOML gives a boolean or a string; kept as the lower-case word
    worktreeinclude = worktreeinclude == null ? "copy" : worktreeinclude.toString().strip().toLowerCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("true", "copy", "false", "off", "symlink").contains(worktreeinclude)) {
      throw new IllegalArgumentException("files.worktreeinclude must be true (copy), \"symlink\" or false: "
          + worktreeinclude);
    }
    symlink.forEach(p -> ConfigPaths.requireRelative("files.symlink", p));
    copy.forEach(p -> ConfigPaths.requireRelative("files.copy", p));
  }

  public FilesConfig(List<String> symlink, List<String> copy, Object worktreeinclude) {
    this(symlink, copy, worktreeinclude, null);
  }

  /** {@link #worktreeinclude} as a choice. */
  public Include include() {
    return switch (worktreeinclude.toString()) {
      case "symlink" -> Include.SYMLINK;
      case "false", "off" -> Include.OFF;
      default -> Include.COPY;
    };
  }
}
