package dev.wt.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The name of a worktree's compose project, {@code <project>_<slug>} as compose accepts it
 * (lower case letters, digits, {@code _} and {@code -}), so that containers, networks and volumes
 * of two worktrees never share a name.
 */
public final class ComposeProject {

  private ComposeProject() {}

  /** The compose project of worktree {@code slug} of repository project {@code project}. */
  public static String name(String project, String slug) {
    return prefix(project) + slug.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
  }

  /** What every compose project of the repository's worktrees starts with. */
  public static String prefix(String project) {
    String p = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    // compose wants a letter or digit first
    return (p.isEmpty() || !Character.isLetterOrDigit(p.charAt(0)) ? "wt" + p : p) + "_";
  }

  /** The slug of a project {@link #name} made for {@code project}, if {@code name} is one. */
  public static Optional<String> slugOf(String name, String project) {
    String prefix = prefix(project);
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = name.substring(prefix.length());
    return WorktreeIdentity.isSlug(rest) ? Optional.of(rest) : Optional.empty();
  }
}
