package dev.wt.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workspace file ({@code wt-workspace.toml}): the repositories a task spans, by short name, each
 * with its folder (resolved against the file's folder), in the file's order, and the primary one,
 * whose worktree holds a task's ports and databases (the {@code primary} key, else the first).
 */
public record Workspace(Path file, Map<String, Path> repos, String primary) {

  /** The workspace file's name, looked for in the folder a command starts in and those above it. */
  public static final String FILE = "wt-workspace.toml";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public Workspace {
    Objects.requireNonNull(file, "file");
    repos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(repos));
    if (repos.isEmpty()) {
      throw new IllegalArgumentException(file + " names no repositories (add [repos] backend = \"backend\")");
    }
    for (String name : repos.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("repos." + name + " in " + file + ": a repository's short name is letters, "
            + "digits, '.', '_' and '-'");
      }
    }
    primary = primary == null ? repos.keySet().iterator().next() : primary;
    if (!repos.containsKey(primary)) {
      throw new IllegalArgumentException("primary = \"" + primary + "\" in " + file + " names no repository of [repos]");
    }
  }

  /** A workspace whose first repository is the primary one. */
  public Workspace(Path file, Map<String, Path> repos) {
    this(file, repos, null);
  }

  /** The repositories {@code names} picks, in the workspace's order; null or empty: all of them. */
  public Map<String, Path> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return repos;
    }
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      if (!repos.containsKey(n)) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      throw WtException.usage("--repos names " + String.join(", ", unknown) + ", which " + file + " does not list",
          "use one of: " + String.join(", ", repos.keySet()));
    }
    Map<String, Path> out = new LinkedHashMap<>();
    repos.forEach((k, v) -> {
      if (names.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
