package dev.wt.core;

import java.nio.file.Path;
import java.util.List;

/**
 * Rules for paths that a committed {@code wt.toml} (anyone with commit access) may set. Where a
 * worktree is checked out decides where the repository's files land: a committed
 * {@code worktree_dir = "../.config/fish/conf.d"} would make the next {@code wt up} drop
 * executable shell configuration into the user's home. The user's own {@code wt.local.toml} may
 * set anything.
 */
public final class RepoGivenPaths {

  private static final List<String> PER_WORKTREE = List.of("${WT_NAME}", "${WT_SLUG}", "${WT_SUBDOMAIN}");

  private RepoGivenPaths() {}

  /**
   * Refuses a committed {@code worktree_dir} pattern that is absolute, whose last segment is not
   * named after the worktree (so it can never be a folder some program reads as a whole), or that
   * goes through a hidden folder outside the main worktree.
   *
   * @param resolved the folder the pattern gives, {@code main} the main worktree
   */
  public static void checkWorktreeDir(String pattern, Path resolved, Path main) {
    String why = null;
    String[] segments = pattern.split("/");
    if (pattern.startsWith("/") || pattern.startsWith("~")) {
      why = "it is an absolute path";
    } else if (PER_WORKTREE.stream().noneMatch(segments[segments.length - 1]::contains)) {
      why = "its last folder is not named after the worktree (${WT_NAME}, ${WT_SLUG} or ${WT_SUBDOMAIN})";
    } else if (!resolved.startsWith(main)) {
      for (String s : segments) {
        if (s.startsWith(".") && !s.equals(".") && !s.equals("..")) {
          why = "it goes through the hidden folder " + s + " outside the main worktree";
          break;
        }
      }
    }
    if (why != null) {
      throw refused(pattern, why);
    }
  }

  /**
   * The hidden-folder rule of {@link #checkWorktreeDir} on the folder as it really is ({@code real},
   * symlinks resolved, and {@code realMain}): a committed symlink such as
   * {@code link -> ../../.vim/pack/x/start} in the pattern's way must not lead into one either.
   * Only the folders below where the two paths part are looked at, so a repository that itself
   * lives under a hidden folder (~/.src/app) keeps its sibling worktrees.
   */
  public static void checkRealWorktreeDir(String pattern, Path real, Path realMain) {
    if (real.startsWith(realMain)) {
      return;
    }
    Path common = realMain;
    while (common != null && !real.startsWith(common)) {
      common = common.getParent();
    }
    for (Path segment : common == null ? real : common.relativize(real)) {
      String s = segment.toString();
      if (s.startsWith(".") && !s.equals(".") && !s.equals("..")) {
        throw refused(pattern, "it leads (through a symlink) into the hidden folder " + s + " at " + real);
      }
    }
  }

  private static WtException refused(String pattern, String why) {
    return WtException.refused("worktree_dir \"" + pattern + "\" in the committed wt.toml is refused: " + why
            + " (a repository must not choose where its files land outside a worktree folder)",
        "use a pattern like ../${WT_REPO}-${WT_NAME}, or set worktree_dir in your own wt.local.toml (or pass --dir)");
  }
}
