package dev.wt.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The dependency folders an install rebuilds from a lockfile beside them: the only ignored files
 * that {@code wt down} deletes without keeping a copy. Build output, caches and logs are not on
 * the list: a signing key in {@code dist/} or a database in {@code target/} is the user's.
 */
public final class DependencyFolders {

  /** A folder name (a path when it holds a slash) and the lockfiles, any one of which rebuilds it. */
  private record Rule(String folder, List<String> lockfiles) {}

  private static final List<String> PYTHON = List.of("requirements.txt", "requirements.lock", "poetry.lock", "uv.lock",
      "Pipfile.lock", "pdm.lock");

  private static final List<Rule> RULES = List.of(
      new Rule("node_modules", List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
          "bun.lock", "bun.lockb")),
      new Rule(".venv", PYTHON),
      new Rule("venv", PYTHON),
      new Rule("vendor", List.of("composer.lock", "go.mod")),
      new Rule("vendor/bundle", List.of("Gemfile.lock")),
      new Rule("Pods", List.of("Podfile.lock")),
      new Rule("deps", List.of("mix.lock")));

  private DependencyFolders() {}

  /**
   * The lockfile (relative to the worktree) that rebuilds the dependency folder holding
   * {@code entry}, if any; {@code exists} says whether a relative path is a file in the worktree.
   *
   * @param entry a path relative to the worktree, a folder ending in '/'
   */
  public static Optional<String> lockfileFor(String entry, Predicate<String> exists) {
    String path = "/" + (entry.endsWith("/") ? entry : entry + "/");
    int best = Integer.MAX_VALUE;
    Optional<String> found = Optional.empty();
    for (Rule rule : RULES) {
      // the outermost dependency folder decides: node_modules inside node_modules is the same install
      int at = path.indexOf("/" + rule.folder() + "/");
      if (at < 0 || at >= best) {
        continue;
      }
      String base = path.substring(1, at + 1);
      Optional<String> lock = rule.lockfiles().stream().map(l -> base + l).filter(exists).findFirst();
      if (lock.isPresent()) {
        best = at;
        found = lock;
      }
    }
    return found;
  }
}
