package dev.wt.core;

import java.util.regex.Pattern;

/** The one POSIX shell quoting: a word that sh, bash and zsh read back as exactly this text. */
public final class Shell {

  /** Characters no POSIX shell treats specially anywhere in a word. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private Shell() {}

  /** {@code s} as one shell word: bare when nothing in it is special, else {@link #singleQuoted}. */
  public static String quote(String s) {
    return PLAIN.matcher(s).matches() ? s : singleQuoted(s);
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
