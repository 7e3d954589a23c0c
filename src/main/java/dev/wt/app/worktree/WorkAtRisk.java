package dev.wt.app.worktree;

import dev.wt.core.WtException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What removing a worktree would lose, and whether {@code wt down} may go on: a lock, uncommitted
 * changes, commits nothing else holds. Pure: the facts come from the caller, the costly ones only
 * when the decision needs them.
 */
final class WorkAtRisk {

  private static final int LISTED = 10;

  private WorkAtRisk() {}

  /**
   * The worktree about to go.
   *
   * @param present whether its folder is there (a folder deleted by hand has no changes left to lose)
   */
  record Facts(Path main, Path worktree, String slug, boolean present, boolean locked) {}

  /**
   * Refuses what {@code --force} must override, checked in the order the user fixes them: the lock,
   * then uncommitted changes, then commits; returns the commits to save first (only with force).
   *
   * @param dirty uncommitted paths, asked for only when the folder is there and down is not forced
   * @param lost commits only this worktree holds, always asked for (forced, they are saved)
   */
  static List<UnsavedCommits.Lost> check(Facts f, boolean force, Supplier<List<String>> dirty,
      Supplier<List<UnsavedCommits.Lost>> lost) {
    if (f.present() && !force) {
      if (f.locked()) {
        throw WtException.refused("worktree " + f.worktree() + " is locked", "git worktree unlock it, or pass --force");
      }
      List<String> changed = dirty.get();
      if (!changed.isEmpty()) {
        throw WtException.refused("worktree " + f.worktree() + " has uncommitted changes that would be lost: "
                + listed(changed),
            "commit or stash them (cd " + f.worktree() + " && git status), or pass --force to discard them");
      }
    }
    List<UnsavedCommits.Lost> commits = lost.get();
    if (!commits.isEmpty() && !force) {
      throw refuseLost(f, commits);
    }
    return commits;
  }

  /** The first few items, then how many more: {@code a, b, c and 7 more}. */
  static String listed(List<String> items) {
    String shown = items.stream().limit(LISTED).collect(Collectors.joining(", "));
    return shown + (items.size() > LISTED ? " and " + (items.size() - LISTED) + " more" : "");
  }

  private static WtException refuseLost(Facts f, List<UnsavedCommits.Lost> lost) {
    int n = UnsavedCommits.count(lost);
    List<String> keep = new ArrayList<>();
    // one hint per tip of the worktree (its commit ids name them from the main worktree too), one per submodule
    lost.stream().filter(l -> l.submodule() == null).forEach(l ->
        keep.add("give them a branch (git -C " + f.main() + " branch <name> " + l.tip().substring(0, 12) + ")"));
    for (String m : UnsavedCommits.submodules(lost)) {
      String tip = lost.stream().filter(l -> m.equals(l.submodule())).findFirst().orElseThrow().tip();
      keep.add("push those of " + m + " (git -C " + f.worktree().resolve(m) + " push origin " + tip
          + ":refs/heads/<name>)");
    }
    return WtException.refused("worktree " + f.worktree() + " holds " + n + (n == 1 ? " commit" : " commits")
            + " that no branch, tag or other worktree has, which would be lost: " + listed(UnsavedCommits.describe(lost)),
        String.join("; ", keep) + "; or pass --force to save them under " + UnsavedCommits.SAVED + f.slug() + "/");
  }
}
