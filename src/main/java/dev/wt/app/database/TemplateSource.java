package dev.wt.app.database;

import java.util.Optional;

/** Where {@code wt db template refresh} rebuilds the template from ({@code --from}). */
public enum TemplateSource {
  /** The main worktree's database. */
  MAIN,
  /** The configured pull source. */
  PULL;

  /** The source a word ({@code main}, {@code pull}) names; empty for any other word. */
  public static Optional<TemplateSource> of(String word) {
    return dev.wt.core.Words.parse(TemplateSource.class, word);
  }

  @Override
  public String toString() {
    return dev.wt.core.Words.of(this);
  }
}
