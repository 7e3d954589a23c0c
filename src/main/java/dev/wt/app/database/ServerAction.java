package dev.wt.app.database;

/** What {@code wt db server} does to the repository's embedded PostgreSQL. */
public enum ServerAction {
  START, STOP, STATUS,
  /** Stop it and delete its data folder; refuses to lose data unless forced. */
  REMOVE;

  @Override
  public String toString() {
    return dev.wt.core.Words.of(this);
  }
}
