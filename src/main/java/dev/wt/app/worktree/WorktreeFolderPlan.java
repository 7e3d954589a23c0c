package dev.wt.app.worktree;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which folder {@code wt up} makes a worktree in. Pure: decided from what the user asked, the
 * configured {@code worktree_dir} and what is already at the folder it names.
 *
 * @param folder where the worktree goes
 * @param why how that folder was chosen
 */
public record WorktreeFolderPlan(Path folder, Why why) {

  public WorktreeFolderPlan {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(why, "why");
  }

  /** How the folder was chosen. */
  public enum Why {
    /** {@code --dir}: exactly what the user named (a clash there is refused, never side-stepped). */
    ASKED,
    /** The folder {@code worktree_dir} names. */
    PATTERN,
    /**
     * The default pattern's folder was taken (feat/x and fix/x share a readable name, or a
     * stranger's files are there): the slug's hash tells the worktrees apart.
     */
    TAKEN_SO_SLUG
  }

  /**
   * What is at the folder the pattern names.
   *
   * @param occupied a file, or a folder with something in it (an empty folder is free to use)
   * @param thisBranchsWorktree it is the worktree git lists for this very branch (a re-run)
   * @param claimedByOther another branch's record has (or is about to have) its worktree there
   */
  public record AtFolder(boolean occupied, boolean thisBranchsWorktree, boolean claimedByOther) {

    /** Whether up must not use it. */
    boolean taken() {
      return (occupied && !thisBranchsWorktree) || claimedByOther;
    }
  }

  /** The folder the user named with {@code --dir}. */
  public static WorktreeFolderPlan asked(Path dir) {
    return new WorktreeFolderPlan(dir, Why.ASKED);
  }

  /**
   * The folder {@code worktree_dir} names, unless it is the default pattern's and taken: then the
   * one named by the slug. A configured pattern is used as it is (a clash is refused later).
   */
  public static WorktreeFolderPlan fromPattern(boolean defaultPattern, Path named, AtFolder at, Path bySlug) {
    return defaultPattern && at.taken() ? new WorktreeFolderPlan(bySlug, Why.TAKEN_SO_SLUG)
        : new WorktreeFolderPlan(named, Why.PATTERN);
  }
}
