package dev.wt.app.database;

/** What {@code wt db pull} restores into ({@code --into}). */
public enum PullInto {
  /** The template databases, which new worktrees clone. */
  TEMPLATE,
  /** This worktree's own databases. */
  WORKTREE;

  @Override
  public String toString() {
    return dev.wt.core.Words.of(this);
  }
}
