package dev.wt.core;


/** The database engine of {@code [databases.<name>] engine}; its lower-case name in files and {@code --json}. */
public enum DbEngine {
  POSTGRES, SQLITE;

  /** The engine a word names; refuses any other word. */
  public static DbEngine of(String word) {
    return Words.parse(DbEngine.class, word).orElseThrow(() -> new IllegalArgumentException("not a database engine: " + word));
  }

  @Override
  public String toString() {
    return Words.of(this);
  }
}
