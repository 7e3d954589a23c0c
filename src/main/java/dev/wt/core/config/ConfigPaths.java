package dev.wt.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Validation shared by config paths: relative to the worktree and never escaping it. */
final class ConfigPaths {

  private ConfigPaths() {}

  static void requireRelative(String key, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(key + " must not contain empty paths");
    }
    // a line break would end the line wt writes for it in .git/info/exclude and start another
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        throw new IllegalArgumentException(key + " holds a control character: " + path.replaceAll("\\p{Cntrl}", "?"));
      }
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(key + " holds an invalid path: " + path, e);
    }
    if (p.isAbsolute() || p.normalize().startsWith("..") || p.normalize().toString().isEmpty()) {
      throw new IllegalArgumentException(key + " must hold paths inside the worktree: " + path);
    }
    // the worktree's .git file (or a submodule's folder) is git's: a file wt wrote there would cut
    // the worktree off from its repository, and one in a folder below would make that folder a
    // repository whose configuration (core.fsmonitor) git runs in every prompt that looks at it
    for (Path segment : p.normalize()) {
      if (segment.toString().equalsIgnoreCase(".git")) {
        throw new IllegalArgumentException(key + " must not name git's own .git: " + path);
      }
    }
  }

  /**
   * {@link #requireRelative}, and not one of wt's own configuration files at the worktree's root: a
   * file wt writes there from the repository's configuration (a rendered template, the env file)
   * would be read back as configuration, and a {@code wt.local.toml} as the user's own, which
   * needs no approval. Compared case-insensitively, as macOS and Windows file systems do.
   */
  static void requireWritable(String key, String path) {
    requireRelative(key, path);
    String normal = Path.of(path).normalize().toString();
    if (normal.equalsIgnoreCase("wt.toml") || normal.equalsIgnoreCase("wt.local.toml")) {
      throw new IllegalArgumentException(key + " must not name wt's own configuration file " + normal
          + ": wt would read what it writes there as configuration");
    }
  }
}
