package dev.wt.adapter.fs;

/**
 * The character level of {@link PlainToml}: a cursor over the document that reads whitespace,
 * comments, line ends, key parts and strings, and hands unquoted values to {@link TomlWords}.
 */
final class TomlText {

  private static final int EOF = -1;

  final String src;
  // the interpreter runs this code on most calls (wt is a short-lived process): array reads are one
  // bytecode, where String.charAt is a call
  private final char[] cs;
  private final int end;
  private final int bom;
  int pos;

  TomlText(String src) {
    this.src = src;
    this.cs = src.toCharArray();
    this.end = cs.length;
    // a byte order mark, as some Windows editors write, is not TOML syntax but is no error either
    this.bom = src.startsWith("\uFEFF") ? 1 : 0;
    this.pos = bom;
  }

  boolean atEnd() {
    return pos >= end;
  }

  int peek() {
    return pos < end ? cs[pos] : EOF;
  }

  void skipWs() {
    char[] cs = this.cs;
    int p = pos;
    while (p < end && (cs[p] == ' ' || cs[p] == '\t')) {
      p++;
    }
    pos = p;
  }

  /** Whitespace, comments and line ends, as arrays allow between their values. */
  void skipBlank() {
    do {
      skipWs();
      skipComment();
    } while (newline());
  }

  /** Ends a key/value pair or a header: optional whitespace and comment, then a line end or the file's end. */
  void endOfLine(String after) {
    skipWs();
    skipComment();
    if (pos < end && !newline()) {
      throw error(pos, "expected the end of the line after " + after + ", found " + found());
    }
  }

  private void skipComment() {
    if (pos >= end || cs[pos] != '#') {
      return;
    }
    char[] cs = this.cs;
    int p = pos + 1;
    for (; p < end; p++) {
      char c = cs[p];
      if (c < 0x20 || c == 0x7f) {
        if (c == '\n' || c == '\r') {
          break;
        }
        if (c != '\t') {
          throw error(p, "control character " + unicode(c) + " is not allowed in a comment");
        }
      }
    }
    pos = p;
  }

  /** Consumes LF or CRLF if one is here; a carriage return on its own is no line end in TOML. */
  private boolean newline() {
    if (pos < end && cs[pos] == '\n') {
      pos++;
      return true;
    }
    if (pos < end && cs[pos] == '\r') {
      if (pos + 1 < end && cs[pos + 1] == '\n') {
        pos += 2;
        return true;
      }
      throw error(pos, "a carriage return must be followed by a line feed");
    }
    return false;
  }

  /** One part of a key: bare ({@code A-Za-z0-9_-}), "basic" or 'literal'. */
  String keyPart() {
    int c = peek();
    if (c == '"' || c == '\'') {
      if (src.startsWith(c == '"' ? "\"\"\"" : "'''", pos)) {
        throw error(pos, "a key cannot be a multi-line string");
      }
      return c == '"' ? basicString() : literalString();
    }
    char[] cs = this.cs;
    int start = pos;
    int p = start;
    while (p < end && isBare(cs[p])) {
      p++;
    }
    pos = p;
    if (p == start) {
      throw error(pos, "expected a key, found " + found());
    }
    return src.substring(start, pos);
  }

  static boolean isBare(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** A string, boolean, number, date or time; arrays and inline tables are {@link PlainToml}'s. */
  Object scalar() {
    int c = peek();
    if (c == '"') {
      return src.startsWith("\"\"\"", pos) ? multiLineString('"') : basicString();
    }
    if (c == '\'') {
      return src.startsWith("'''", pos) ? multiLineString('\'') : literalString();
    }
    char[] cs = this.cs;
    int start = pos;
    int p = start;
    while (p < end && !endsBareValue(cs[p])) {
      p++;
    }
    if (p - start == 10 && p + 3 < end && cs[p] == ' ' && isDigit(cs[p + 1]) && isDigit(cs[p + 2]) && cs[p + 3] == ':') {
      // a date, a space and a time are one offset or local date-time
      for (p++; p < end && !endsBareValue(cs[p]); p++) {
        // scanned
      }
    }
    pos = p;
    if (p == start) {
      throw error(p, "expected a value, found " + found());
    }
    return TomlWords.read(src.substring(start, p), start, this);
  }

  /** Whitespace, line ends, control characters, a comment or the end of an array or inline table. */
  private static boolean endsBareValue(char c) {
    return c <= ' ' || c == 0x7f || c == '#' || c == ',' || c == ']' || c == '}';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** "..." on one line, with escapes. */
  private String basicString() {
    char[] cs = this.cs;
    int open = pos;
    int start = open + 1;
    int p = start;
    StringBuilder sb = null;
    while (true) {
      if (p >= end) {
        throw error(open, "the string is never closed");
      }
      char c = cs[p];
      if (c == '"') {
        pos = p + 1;
        return sb == null ? src.substring(start, p) : sb.append(cs, start, p - start).toString();
      }
      if (c == '\\') {
        sb = sb == null ? new StringBuilder() : sb;
        sb.append(cs, start, p - start);
        pos = p;
        escape(sb);
        start = pos;
        p = start;
      } else if (isControl(c)) {
        throw controlInString(p, c);
      } else {
        p++;
      }
    }
  }

  /** '...' on one line, taken as written. */
  private String literalString() {
    char[] cs = this.cs;
    int open = pos;
    int p = open + 1;
    while (true) {
      if (p >= end) {
        throw error(open, "the string is never closed");
      }
      char c = cs[p];
      if (c == '\'') {
        pos = p + 1;
        return src.substring(open + 1, p);
      }
      if (isControl(c)) {
        throw controlInString(p, c);
      }
      p++;
    }
  }

  /**
   * """...""" (escapes, and a backslash at a line's end joins it to the next non-blank text) or
   * '''...''' (as written). A newline right after the opening quotes is not part of the string; one or
   * two quotes may sit right before the closing three.
   */
  private String multiLineString(char quote) {
    int open = pos;
    pos += 3;
    newline();
    StringBuilder sb = new StringBuilder();
    int start = pos;
    while (true) {
      if (pos >= end) {
        throw error(open, "the multi-line string is never closed");
      }
      char c = cs[pos];
      if (c == quote) {
        int run = 1;
        while (pos + run < end && cs[pos + run] == quote) {
          run++;
        }
        if (run >= 3) {
          if (run > 5) {
            throw error(pos, "too many quotes: a multi-line string ends with at most five");
          }
          sb.append(src, start, pos + run - 3);
          pos += run;
          return sb.toString();
        }
        pos += run;
      } else if (c == '\\' && quote == '"') {
        sb.append(src, start, pos);
        if (!lineEndingBackslash()) {
          escape(sb);
        }
        start = pos;
      } else if (c == '\r' || c == '\n') {
        newline();
      } else if (isControl(c)) {
        throw controlInString(pos, c);
      } else {
        pos++;
      }
    }
  }

  /** A backslash, optional whitespace and a line end: skips up to the next non-blank character. */
  private boolean lineEndingBackslash() {
    int p = pos + 1;
    while (p < end && (cs[p] == ' ' || cs[p] == '\t')) {
      p++;
    }
    if (p >= end || (cs[p] != '\n' && cs[p] != '\r')) {
      return false;
    }
    pos = p;
    while (newline()) {
      skipWs();
    }
    return true;
  }

  private PlainToml.InvalidToml controlInString(int at, char c) {
    return c == '\n' || c == '\r'
        ? error(at, "the string is not closed on its line (a string over several lines takes \"\"\" or ''')")
        : error(at, "control character " + unicode(c) + " is not allowed in a string (write it as an escape)");
  }

  private void escape(StringBuilder sb) {
    int at = pos;
    int c = ++pos < end ? cs[pos] : EOF;
    pos++;
    switch (c) {
      case 'b' -> sb.append('\b');
      case 't' -> sb.append('\t');
      case 'n' -> sb.append('\n');
      case 'f' -> sb.append('\f');
      case 'r' -> sb.append('\r');
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case 'u' -> sb.appendCodePoint(codePoint(at, 4));
      case 'U' -> sb.appendCodePoint(codePoint(at, 8));
      default -> throw error(at, c == EOF ? "the string is never closed"
          : "invalid escape \\" + (isControl((char) c) ? unicode((char) c) : Character.toString(c))
              + " (TOML knows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
    }
  }

  private int codePoint(int at, int digits) {
    long v = 0;
    for (int i = 0; i < digits; i++) {
      char c = pos + i < end ? cs[pos + i] : 'g';
      int d = c < 0x80 ? Character.digit(c, 16) : -1;
      if (d < 0) {
        throw error(at, "\\" + cs[at + 1] + " takes exactly " + digits + " hexadecimal digits");
      }
      v = v * 16 + d;
    }
    if (v > Character.MAX_CODE_POINT || (v >= Character.MIN_SURROGATE && v <= Character.MAX_SURROGATE)) {
      throw error(at, "\\" + src.substring(at + 1, pos + digits) + " names no Unicode character");
    }
    pos += digits;
    return (int) v;
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  }

  private static String unicode(char c) {
    String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    return "U+" + "0000".substring(hex.length()) + hex;
  }

  /** What stands at the cursor, for messages. */
  String found() {
    if (pos >= end) {
      return "the end of the file";
    }
    char c = cs[pos];
    if (c == '\n' || c == '\r') {
      return "the end of the line";
    }
    return isControl(c) ? unicode(c) : "'" + Character.toString(src.codePointAt(pos)) + "'";
  }

  /** An error at character {@code at}, located by line and column (both from 1). */
  PlainToml.InvalidToml error(int at, String detail) {
    int line = 1;
    int lineStart = bom;
    int stop = Math.min(at, end);
    for (int i = 0; i < stop; i++) {
      if (cs[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = src.codePointCount(Math.min(lineStart, stop), stop) + 1;
    return new PlainToml.InvalidToml(line, column, detail);
  }
}
