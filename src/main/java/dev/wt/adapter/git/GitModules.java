package dev.wt.adapter.git;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repository's submodules read straight from git's files: the gitlinks of its index (mode 160000)
 * joined by path with what {@code .gitmodules} names. Two quick reads, where {@code git submodule
 * status} is a shell script that costs 0.4 to 1 s before it says anything.
 */
final class GitModules {

  private static final Duration READ_TIMEOUT = GitRunner.READ_TIMEOUT;

  private GitModules() {}

  /**
   * One gitlink of the index that {@code .gitmodules} names.
   *
   * @param folder its folder, inside the repository's work tree
   * @param unmerged whether the index holds it in conflict (git reports it as such, never as uninitialised)
   */
  record Module(String name, String path, Path folder, boolean unmerged) {}

  /**
   * The submodules of the work tree {@code dir} whose folder lies inside it: {@code .gitmodules} is
   * a file anyone may commit, and a path through a symlink would lead wt to another repository's
   * files. Empty, with no git run, when there is no {@code .gitmodules}.
   */
  static List<Module> of(Path dir) {
    Map<String, String> names = names(dir);
    if (names.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of("ls-files", "-z", "--stage", "--"));
    names.keySet().forEach(p -> args.add(":(literal)" + p));
    // "<mode> <object> <stage>\t<path>"; an unmerged path comes once per stage
    Map<String, Boolean> gitlinks = new LinkedHashMap<>();
    for (String e : GitRunner.nulSeparated(GitRunner.check(GitRunner.git(dir, READ_TIMEOUT, args.toArray(String[]::new)),
        "list the submodules of " + dir))) {
      int tab = e.indexOf('\t');
      if (e.startsWith("160000 ") && tab > 0 && names.containsKey(e.substring(tab + 1))) {
        gitlinks.merge(e.substring(tab + 1), !e.substring(0, tab).endsWith(" 0"), Boolean::logicalOr);
      }
    }
    List<Module> out = new ArrayList<>();
    gitlinks.forEach((path, unmerged) -> {
      Path folder = dir.resolve(path).normalize();
      if (inside(dir, folder)) {
        out.add(new Module(names.get(path), path, folder, unmerged));
      }
    });
    return out;
  }

  /**
   * The submodules of {@code worktree} that are not initialised there, as {@code git submodule
   * status} marks them with {@code -}: their folder has no {@code .git}. Empty when the submodules
   * cannot be read (git's status fails then too).
   */
  static List<Git.Submodule> uninitialised(Path worktree) {
    List<Git.Submodule> out = new ArrayList<>();
    try {
      for (Module m : of(worktree)) {
        if (!m.unmerged() && !Files.exists(m.folder().resolve(".git"))) {
          out.add(new Git.Submodule(m.name(), m.path()));
        }
      }
    } catch (WtException e) {
      return List.of();
    }
    return out;
  }

  /** Path to submodule name, as {@code .gitmodules} in {@code dir} has them (the last one wins, as in git). */
  private static Map<String, String> names(Path dir) {
    if (!Files.exists(dir.resolve(".gitmodules"))) {
      return Map.of();
    }
    Exec.Result r = GitRunner.git(dir, READ_TIMEOUT, "config", "-z", "--file", ".gitmodules", "--get-regexp",
        "^submodule\\..*\\.path$");
    if (r.exitCode() == 1) {
      return Map.of(); // no submodule has a path
    }
    Map<String, String> out = new HashMap<>();
    // "submodule.<name>.path\n<path>": a name may hold dots (never a newline), a path anything
    for (String entry : GitRunner.nulSeparated(GitRunner.check(r, "list the submodules of " + dir))) {
      int newline = entry.indexOf('\n');
      if (newline > "submodule..path".length()) {
        out.put(entry.substring(newline + 1), entry.substring("submodule.".length(), newline - ".path".length()));
      }
    }
    return out;
  }

  /**
   * Whether {@code folder} is below {@code dir}, links resolved: the folder itself when it exists,
   * else the nearest folder above it that does.
   */
  private static boolean inside(Path dir, Path folder) {
    if (!folder.startsWith(dir) || folder.equals(dir)) {
      return false;
    }
    try {
      Path real = dir.toRealPath();
      if (Files.exists(folder)) {
        Path resolved = folder.toRealPath();
        return resolved.startsWith(real) && !resolved.equals(real);
      }
      Path above = folder.getParent();
      while (!Files.exists(above)) {
        above = above.getParent();
      }
      return above.toRealPath().startsWith(real);
    } catch (IOException e) {
      return false;
    }
  }

  /** The folders of the submodules checked out below {@code dir}, nested ones included, each before its own. */
  static List<Path> checkedOut(Path dir) {
    List<Path> out = new ArrayList<>();
    collect(dir, out);
    return out;
  }

  private static void collect(Path dir, List<Path> out) {
    for (Module m : of(dir)) {
      if (Files.exists(m.folder().resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        out.add(m.folder());
        collect(m.folder(), out);
      }
    }
  }
}
