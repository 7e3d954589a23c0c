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
    if (!f.present() && f.locked() && !force) {
      // git keeps a locked worktree's entry while its folder is away (a disk not mounted): so does down
      throw WtException.refused("worktree " + f.worktree() + " is locked and its folder is missing (on a disk that is"
          + " not mounted?)", "mount it again, or git worktree unlock " + f.worktree() + ", or pass --force to forget it");
    }
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
    return WtException.refused(lostMessage(f.worktree(), lost), String.join("; ", howToKeep(f, lost))
        + "; or pass --force to save them under " + UnsavedCommits.SAVED + f.slug() + "/");
  }

  /** What removing the worktree would lose: {@code worktree /x holds 2 commits that …: 8677b8ca46dc "wip", …}. */
  static String lostMessage(Path worktree, List<UnsavedCommits.Lost> lost) {
    int n = UnsavedCommits.count(lost);
    return "worktree " + worktree + " holds " + n + (n == 1 ? " commit" : " commits")
        + " that no branch, tag or other worktree has, which would be lost: " + listed(UnsavedCommits.describe(lost));
  }

  /** How to keep them by hand, one hint per tip of the worktree and per submodule (and what only --force keeps). */
  static List<String> howToKeep(Facts f, List<UnsavedCommits.Lost> lost) {
    List<String> keep = new ArrayList<>();
    // one hint per tip of the worktree (its commit ids name them from the main worktree too)
    lost.stream().filter(l -> l.submodule() == null).forEach(l ->
        keep.add("give them a branch (git -C " + f.main() + " branch <name> " + l.tip().substring(0, 12) + ")"));
    for (String m : UnsavedCommits.submodules(lost)) {
      List<UnsavedCommits.Lost> of = lost.stream().filter(l -> m.equals(l.submodule())).toList();
      // with the folder gone, git reaches the submodule's repository only through its git dir, told
      // that it is its own work tree: its core.worktree names the deleted folder, which git would enter
      Path dir = of.get(0).gitDir();
      String git = "git " + (f.present() ? "-C " + f.worktree().resolve(m) : "--git-dir=" + dir + " --work-tree=" + dir);
      of.stream().filter(l -> l.holder() == null).forEach(l ->
          keep.add("push those of " + m + " (" + git + " push origin " + l.tip() + ":refs/heads/<name>)"));
      List<UnsavedCommits.Lost> refs = of.stream().filter(l -> l.holder() != null).toList();
      if (!refs.isEmpty()) {
        keep.add(keepRefs(m, refs, UnsavedCommits.SAVED + f.slug() + "/modules/" + m + "/"));
      }
    }
    return keep;
  }

  /**
   * A submodule's stash entries and notes: pushed to a branch, a stash entry would no longer be a
   * stash nor notes notes, so the hint is the copy {@code --force} makes (which stays what it was).
   */
  private static String keepRefs(String submodule, List<UnsavedCommits.Lost> refs, String saved) {
    List<String> kinds = refs.stream().map(l -> l.name().startsWith("stash/") ? "stash entries"
        : l.name().startsWith("notes/") ? "notes" : "refs").distinct().toList();
    String stash = refs.stream().filter(l -> l.name().startsWith("stash/")).findFirst()
        .map(l -> " (git stash apply " + saved + l.name() + " there brings back " + l.holder().substring("refs/".length())
            + ")").orElse("");
    return "keep " + submodule + "'s " + String.join(" and ", kinds) + " ("
        + refs.stream().map(UnsavedCommits.Lost::holder).collect(Collectors.joining(", "))
        + ") with wt down --force, which copies them into the main checkout's " + submodule
        + " (or the repository when that has none) as " + saved + "…" + stash
        + ": a push to a branch would not keep them as they are";
  }
}
