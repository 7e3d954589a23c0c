package dev.wt.adapter.fs;

import dev.wt.core.Workspace;
import dev.wt.core.WtException;
import dev.wt.port.WorkspaceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code wt-workspace.toml}: a {@code [repos]} table of short name to folder and an optional
 * top-level {@code primary} (the repository holding a task's ports and databases), nothing else.
 */
public final class TomlWorkspaceLoader implements WorkspaceLoader {

  @Override
  public Optional<Workspace> find(Path cwd, Path explicit) {
    if (explicit != null) {
      Path p = cwd.resolve(explicit).toAbsolutePath().normalize();
      Path file = Files.isDirectory(p) ? p.resolve(Workspace.FILE) : p;
      if (!Files.isRegularFile(file)) {
        throw WtException.usage("-W " + explicit + ": no workspace file at " + file,
            "pass a " + Workspace.FILE + " or the folder holding one");
      }
      return Optional.of(read(file));
    }
    for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(Workspace.FILE);
      if (Files.isRegularFile(file)) {
        return Optional.of(read(file));
      }
    }
    return Optional.empty();
  }

  private static Workspace read(Path file) {
    Map<String, Object> root;
    try {
      if (Files.size(file) > TomlConfigLoader.MAX_BYTES) {
        throw WtException.refused(file + " is " + Files.size(file) + " bytes; a workspace file is a few lines",
            "write [repos] name = \"folder\" lines in it (docs/workspaces.md)");
      }
      root = PlainToml.parse(RegularFiles.read(file, RegularFiles.FOLLOWED));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw WtException.refused(file + " is not UTF-8 text", "save it as UTF-8; TOML files are UTF-8");
    } catch (IOException | PlainToml.InvalidToml e) {
      throw WtException.refused("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""),
          "fix the TOML; it holds [repos] name = \"folder\" lines");
    }
    for (String k : root.keySet()) {
      if (!k.equals("repos") && !k.equals("primary")) {
        throw WtException.refused("unknown key '" + k + "' in " + file,
            "a workspace file holds only [repos] and primary = \"name\"");
      }
    }
    Map<String, Path> repos = new LinkedHashMap<>();
    if (root.containsKey("repos") && !(root.get("repos") instanceof Map)) {
      throw WtException.refused("repos in " + file + " must be a table of short name = \"folder\"",
          "write [repos] and below it backend = \"backend\"");
    }
    Map<?, ?> table = root.get("repos") instanceof Map<?, ?> m ? m : Map.of();
    for (Map.Entry<?, ?> e : table.entrySet()) {
      if (!(e.getValue() instanceof String folder) || folder.isBlank()) {
        throw WtException.refused("repos." + e.getKey() + " in " + file + " must be a folder (a string)",
            "write " + e.getKey() + " = \"" + e.getKey() + "\"");
      }
      repos.put((String) e.getKey(), file.getParent().resolve(folder).normalize());
    }
    Object primary = root.get("primary");
    if (primary != null && !(primary instanceof String)) {
      throw WtException.refused("primary in " + file + " must be a repository's short name (a string)",
          "write primary = \"backend\" above [repos]");
    }
    try {
      return new Workspace(file, repos, (String) primary);
    } catch (IllegalArgumentException e) {
      throw WtException.refused(e.getMessage(), "see docs/workspaces.md");
    }
  }
}
