package dev.wt.core;

/**
 * Text from files or other programs made safe to show on a terminal: control characters and
 * bidirectional overrides are spelled out, so what a user approves is what they see.
 */
public final class TerminalText {

  private TerminalText() {}

  /** {@code s} with every control or direction-changing character written as an escape. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (hidden(cp)) {
            out.append(cp <= 0xff ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.toString();
  }

  /** C0/C1 controls, DEL, and the bidi controls that reorder what is displayed (trojan source). */
  private static boolean hidden(int cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f
        || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
  }
}
