package dev.wt.core;

import java.util.Arrays;
import java.util.Locale;

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
    return Arrays.stream(values()).filter(f -> f.toString().equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a fill: " + word));
  }

  /** Whether {@code word} names a fill. */
  public static boolean isWord(String word) {
    return Arrays.stream(values()).anyMatch(f -> f.toString().equals(word));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
