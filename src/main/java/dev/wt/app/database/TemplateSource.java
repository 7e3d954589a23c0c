package dev.wt.app.database;

/** Where {@code wt db template refresh} rebuilds the template from ({@code --from}). */
public enum TemplateSource {
  /** The main worktree's database. */
  MAIN,
  /** The configured pull source. */
  PULL;

  @Override
  public String toString() {
    return dev.wt.core.Words.of(this);
  }
}
