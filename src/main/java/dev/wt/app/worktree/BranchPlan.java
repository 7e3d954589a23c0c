package dev.wt.app.worktree;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What {@code wt down} does with a worktree's branch. Pure: decided from what git and the record
 * say. wt deletes only a branch it created (or one the user names with {@code --delete-branch}),
 * and only when it is merged into the base, or when forced.
 *
 * @param action what to do
 * @param reason why, in a few words the report completes
 */
public record BranchPlan(Action action, String reason) {

  /** What happens to the branch. */
  public enum Action {
    /** Delete it: merged into the base (squash merges count). */
    DELETE_MERGED,
    /** Delete it although it holds (or may hold) commits the base lacks: {@code --force}. */
    DELETE_FORCED,
    /** Keep it: it is the user's, the base, or asked to be kept. */
    KEEP,
    /** Keep it: it has (or may have) commits the base lacks. */
    KEEP_UNMERGED,
    /** Nothing to do: the branch no longer exists. */
    GONE,
    /** Nothing to do: the worktree has no branch checked out. */
    DETACHED
  }

  /**
   * What is known about the branch.
   *
   * @param branch the branch checked out in the worktree, null when detached
   * @param base the base ref ({@code origin/main}, {@code main})
   * @param exists whether the local branch still exists
   * @param createdByWt whether {@code wt up} created it (false when unknown: a record without the
   *     field, or no record)
   * @param baseExists whether the base ref resolves
   */
  public record Facts(String branch, String base, boolean exists, boolean createdByWt, boolean baseExists) {}

  /** What the user asked for. */
  public record Flags(boolean force, boolean keepBranch, boolean deleteBranch) {}

  public BranchPlan {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the branch is deleted. */
  public boolean deletes() {
    return action == Action.DELETE_MERGED || action == Action.DELETE_FORCED;
  }

  /** Decides; {@code merged} is asked only when the answer depends on it. */
  public static BranchPlan decide(Facts facts, Flags flags, BooleanSupplier merged) {
    String branch = facts.branch();
    if (branch == null) {
      return new BranchPlan(Action.DETACHED, "no branch is checked out");
    }
    if (flags.keepBranch()) {
      return new BranchPlan(Action.KEEP, "--keep-branch");
    }
    String base = facts.base();
    String baseName = base.startsWith("origin/") ? base.substring("origin/".length()) : base;
    if (branch.equals(base) || branch.equals(baseName)) {
      return new BranchPlan(Action.KEEP, "it is the base branch");
    }
    if (!facts.exists()) {
      return new BranchPlan(Action.GONE, "it no longer exists");
    }
    if (!facts.createdByWt() && !flags.deleteBranch()) {
      return new BranchPlan(Action.KEEP,
          "wt did not create it (it existed before wt up, or another tool made it); wt down --delete-branch deletes it");
    }
    if (!facts.baseExists()) {
      return flags.force() ? forced("the base " + base + " does not exist, so wt cannot tell whether it is merged")
          : new BranchPlan(Action.KEEP_UNMERGED, "the base " + base + " does not exist, so wt cannot tell whether it"
              + " is merged (set base in wt.toml; wt down --force deletes it anyway)");
    }
    // asked under --force too: a merged branch goes because it is merged, and the report says so
    if (merged.getAsBoolean()) {
      return new BranchPlan(Action.DELETE_MERGED, "merged into " + base);
    }
    return flags.force() ? forced("not merged into " + base) : new BranchPlan(Action.KEEP_UNMERGED, "not merged into " + base);
  }

  private static BranchPlan forced(String why) {
    return new BranchPlan(Action.DELETE_FORCED, why + ", deleted by --force");
  }
}
