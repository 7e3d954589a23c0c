package dev.wt.core;

/**
 * Makes text from git, servers, files and users safe for a terminal: every control character
 * becomes a visible escape, so a branch name cannot move the cursor, retitle the window or split
 * a line, and no right-to-left override can make text read differently from what it is.
 */
public final class TerminalText {

  private TerminalText() {}

  /**
   * {@code text} with C0 controls (all but tab), DEL and C1 controls escaped: {@code \e}, {@code \r},
   * {@code \n}, {@code \b}, else {@code \xNN} / {@code \u0085}. The result is one line.
   */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String e = escapeOf(c);
      if (e != null && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        out.append(e != null ? e : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} with its line breaks escaped (other controls are left to {@link #escape}). */
  public static String oneLine(String text) {
    return text == null ? null : text.replace("\n", "\\n");
  }

  private static boolean bidi(char c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  private static String escapeOf(char c) {
    if (bidi(c)) {
      return String.format("\\u%04x", (int) c); // reorders what is displayed (trojan source)
    }
    if (c == '\t' || (c >= 0x20 && c < 0x7f) || c > 0x9f) {
      return null;
    }
    return switch (c) {
      case 0x1b -> "\\e";
      case '\r' -> "\\r";
      case '\n' -> "\\n";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case 0x0b -> "\\v";
      case 0x07 -> "\\a";
      default -> c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
    };
  }
}
