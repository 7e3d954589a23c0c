package dev.wt.core;

import java.util.Arrays;
import java.util.Locale;

/** The database engine of {@code [databases.<name>] engine}; its lower-case name in files and {@code --json}. */
public enum DbEngine {
  POSTGRES, SQLITE;

  /** The engine a word names; refuses any other word. */
  public static DbEngine of(String word) {
    return Arrays.stream(values()).filter(e -> e.toString().equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a database engine: " + word));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
