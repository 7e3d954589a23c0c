package dev.wt.core;


/**
 * How a new database gets its data ({@code [databases.<name>] fill}); its lower-case name in files
 * and {@code --json}.
 */
public enum DbFill {
  /** No tables: the project's migrations make them. */
  EMPTY,
  /** A clone of the template database. */
  TEMPLATE,
  /** A copy of a source database (pg_dump, pg_restore). */
  PULL;

  /** The fill a word names; refuses any other word. */
  public static DbFill of(String word) {
    return Words.parse(DbFill.class, word).orElseThrow(() -> new IllegalArgumentException("not a fill: " + word));
  }

  /** Whether {@code word} names a fill. */
  public static boolean isWord(String word) {
    return Words.parse(DbFill.class, word).isPresent();
  }

  @Override
  public String toString() {
    return Words.of(this);
  }
}
