package dev.wt.adapter.fs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain values and back, without Jackson: objects are {@link LinkedHashMap}s in key
 * order, arrays {@link ArrayList}s, numbers {@link Long} ({@link BigInteger} past it) or
 * {@link Double}. It writes the layout of Jackson's default pretty printer, so the files wt wrote
 * with Jackson stay byte for byte what it writes now.
 */
public final class PlainJson {

  /** Deeper than any file wt writes; a hostile file fails here rather than overflowing the stack. */
  private static final int MAX_DEPTH = 500;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String text;
  private int pos;

  private PlainJson(String text) {
    this.text = text;
  }

  /**
   * The value {@code text} holds.
   *
   * @throws IllegalArgumentException when it is not one JSON value, naming the line and column
   */
  public static Object parse(String text) {
    PlainJson p = new PlainJson(text);
    if (text.startsWith("\uFEFF")) {
      p.pos = 1; // a byte order mark, as Jackson skips it
    }
    p.skipSpace();
    if (p.pos == text.length()) {
      throw p.malformed("no JSON value");
    }
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.malformed("unexpected " + p.found() + " after the JSON value");
    }
    return value;
  }

  /** {@code value} as Jackson's {@code INDENT_OUTPUT} wrote it: 2-space indents, arrays on one line, no last newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value, 0);
    return out.toString();
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH + " levels");
    }
    char c = pos < text.length() ? text.charAt(pos) : 0;
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> word("true", Boolean.TRUE);
      case 'f' -> word("false", Boolean.FALSE);
      case 'n' -> word("null", null);
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          throw malformed("expected a value but found " + found());
        }
        yield number();
      }
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek('}')) {
      pos++;
      return out;
    }
    while (true) {
      if (!peek('"')) {
        throw malformed("expected a key in double quotes but found " + found());
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      out.put(key, value(depth + 1));
      skipSpace();
      if (peek('}')) {
        pos++;
        return out;
      }
      expectComma('}');
    }
  }

  private List<Object> array(int depth) {
    List<Object> out = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek(']')) {
      pos++;
      return out;
    }
    while (true) {
      out.add(value(depth + 1));
      skipSpace();
      if (peek(']')) {
        pos++;
        return out;
      }
      expectComma(']');
    }
  }

  private String string() {
    pos++; // the opening quote
    int start = pos;
    StringBuilder out = null;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        String s = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw malformed("a control character (code " + (int) c + ") inside a string must be escaped");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      out = out == null ? new StringBuilder() : out;
      out.append(text, start, pos);
      pos++;
      out.append(escaped());
      start = pos;
    }
    throw malformed("a string is not closed");
  }

  /** The character an escape stands for; {@code pos} is just past the backslash. */
  private char escaped() {
    if (pos == text.length()) {
      throw malformed("a string is not closed");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = pos < text.length() ? hexDigit(text.charAt(pos)) : -1;
          if (digit < 0) {
            throw malformed("\\u needs four hex digits");
          }
          code = code * 16 + digit;
          pos++;
        }
        yield (char) code;
      }
      default -> {
        pos--;
        throw malformed("unknown escape \\" + found());
      }
    };
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private Object number() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
    } else if (digits() == 0) {
      throw malformed("expected a digit but found " + found());
    }
    boolean integral = true;
    if (peek('.')) {
      pos++;
      integral = false;
      if (digits() == 0) {
        throw malformed("expected a digit after the decimal point but found " + found());
      }
    }
    if (peek('e') || peek('E')) {
      pos++;
      integral = false;
      if (peek('+') || peek('-')) {
        pos++;
      }
      if (digits() == 0) {
        throw malformed("expected a digit in the exponent but found " + found());
      }
    }
    String n = text.substring(start, pos);
    if (!integral) {
      return Double.parseDouble(n);
    }
    if (pos - start < 19) {
      return Long.parseLong(n); // at most 18 digits: always a long
    }
    BigInteger big = new BigInteger(n);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private int digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos - start;
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw malformed("expected a value but found " + found());
    }
    pos += word.length();
    return value;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw malformed("expected '" + c + "' but found " + found());
    }
    pos++;
  }

  private void expectComma(char close) {
    if (!peek(',')) {
      throw malformed("expected ',' or '" + close + "' but found " + found());
    }
    pos++;
    skipSpace();
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private String found() {
    if (pos >= text.length()) {
      return "the end of the text";
    }
    char c = text.charAt(pos);
    return c < 0x20 || c == 0x7f ? "character code " + (int) c : "'" + c + "'";
  }

  private IllegalArgumentException malformed(String what) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new IllegalArgumentException(what + " (line " + line + ", column " + (pos - lineStart + 1) + ")");
  }

  private static void write(StringBuilder out, Object value, int nesting) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{ }");
        return;
      }
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep);
        sep = ",";
        indent(out, nesting + 1);
        quote(out, String.valueOf(e.getKey()));
        out.append(" : ");
        write(out, e.getValue(), nesting + 1);
      }
      indent(out, nesting);
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      // Jackson's pretty printer keeps an array on one line and does not indent what is inside it
      if (list.isEmpty()) {
        out.append("[ ]");
        return;
      }
      out.append("[ ");
      String sep = "";
      for (Object item : list) {
        out.append(sep);
        sep = ", ";
        write(out, item, nesting);
      }
      out.append(" ]");
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      // NaN and infinities are no JSON numbers: Jackson writes them as strings
      out.append(Double.isNaN(d) || Double.isInfinite(d) ? "\"" + value + "\"" : value.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }
  }

  private static void indent(StringBuilder out, int nesting) {
    out.append('\n');
    for (int i = 0; i < nesting; i++) {
      out.append("  ");
    }
  }

  /**
   * Escapes as Jackson's UTF-8 writer does: short forms for five controls, a hex escape for the
   * other controls and for each UTF-16 surrogate on its own (an emoji becomes two escapes).
   */
  private static void quote(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
            .append(HEX[c & 15]);
      }
    }
    out.append('"');
  }
}
