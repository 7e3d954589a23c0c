package dev.wt.app.database;

import java.util.Optional;

/** What {@code wt db pull} restores into ({@code --into}). */
public enum PullInto {
  /** The template databases, which new worktrees clone. */
  TEMPLATE,
  /** This worktree's own databases. */
  WORKTREE;

  /** The target a word ({@code template}, {@code worktree}) names; empty for any other word. */
  public static Optional<PullInto> of(String word) {
    return dev.wt.core.Words.parse(PullInto.class, word);
  }

  @Override
  public String toString() {
    return dev.wt.core.Words.of(this);
  }
}
