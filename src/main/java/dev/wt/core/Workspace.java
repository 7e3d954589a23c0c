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
 * with its folder (resolved against the file's folder), in the file's order.
 */
public record Workspace(Path file, Map<String, Path> repos) {

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
