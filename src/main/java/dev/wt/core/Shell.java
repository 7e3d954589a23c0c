package dev.wt.core;

/** The one POSIX shell quoting: a word that sh, bash and zsh read back as exactly this text. */
public final class Shell {

  private Shell() {}

  /** {@code s} as one shell word: bare when nothing in it is special, else {@link #singleQuoted}. */
  public static String quote(String s) {
    return !s.isEmpty() && allPlain(s) ? s : singleQuoted(s);
  }

  /**
   * Whether every character of {@code s} is one no POSIX shell treats specially anywhere in a
   * word ({@code A-Za-z0-9_./:@%+=,-}). A loop, not a regular expression: {@code wt env} prints
   * through here, and the JVM's first pattern costs it milliseconds of start-up.
   */
  public static boolean allPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_./:@%+=,-".indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code s} in single quotes, inside which nothing is special (so {@code $(...)}, backquotes,
   * CR and newlines stay text), with each {@code '} written as {@code '\''}.
   */
  public static String singleQuoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** {@code s} as one fish word: single quotes, inside which only {@code \\} and {@code \'} are escapes. */
  public static String fishQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
