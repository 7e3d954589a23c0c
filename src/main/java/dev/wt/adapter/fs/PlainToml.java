package dev.wt.adapter.fs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TOML 1.0 reader that gives plain values: tables are {@link LinkedHashMap}s in document order,
 * arrays {@link ArrayList}s, and the rest String, Long, Double and Boolean. Dates and times stay the
 * text they were written as (a space between date and time becomes a T), as jackson-dataformat-toml
 * gives them. Small on purpose: it is read on every command, before anything else happens.
 */
public final class PlainToml {

  /** A document that is not TOML 1.0; the message names the line and column. */
  public static final class InvalidToml extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    InvalidToml(int line, int column, String detail) {
      super("line " + line + ", column " + column + ": " + detail, null, false, false);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  // How a table or array came to be decides what may still add to it. Tables made on the way to a
  // header ([a] for [a.b]) and plain arrays are not recorded (ALONG_THE_WAY): a header of their own
  // may still define such a table, once. Dotted keys only ever reach tables made in the section
  // (header or inline table) they stand in, since no table is the current one twice.
  private static final int ALONG_THE_WAY = 0;
  private static final int BY_DOTTED_KEYS = 1;
  private static final int BY_HEADER = 2;
  private static final int INLINE = 3;
  private static final int ARRAY_OF_TABLES = 4;
  private static final int MAX_DEPTH = 1000;

  private final TomlText in;
  private final IdentityHashMap<Object, Integer> made = new IdentityHashMap<>();
  private int depth;

  private PlainToml(String text) {
    this.in = new TomlText(text);
  }

  /** Reads a whole document into its root table. */
  public static Map<String, Object> parse(String text) {
    return new PlainToml(text).document();
  }

  private Map<String, Object> document() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> table = root;
    List<String> tableKey = List.of();
    while (true) {
      in.skipWs();
      if (in.atEnd()) {
        return root;
      }
      int c = in.peek();
      if (c == '[') {
        List<String> key = new ArrayList<>();
        table = header(root, key);
        tableKey = key;
        in.endOfLine("the table header");
      } else if (c == '#' || c == '\n' || c == '\r') {
        in.endOfLine("the comment");
      } else {
        keyValue(table, tableKey);
        in.endOfLine("the value");
      }
    }
  }

  /** [a.b] or [[a.b]]: the table that the key/value pairs below it go into. */
  private Map<String, Object> header(Map<String, Object> root, List<String> key) {
    int at = in.pos++;
    boolean arrayOfTables = in.peek() == '[';
    if (arrayOfTables) {
      in.pos++;
    }
    in.skipWs();
    key(key);
    String close = arrayOfTables ? "]]" : "]";
    if (!in.src.startsWith(close, in.pos)) {
      throw in.error(in.pos, "expected '" + close + "' to close the header, found " + in.found());
    }
    in.pos += close.length();
    Map<String, Object> table = root;
    int last = key.size() - 1;
    for (int i = 0; i < last; i++) {
      table = alongHeader(table, key, i, at);
    }
    return arrayOfTables ? appendTable(table, key, at) : defineTable(table, key, at);
  }

  private Map<String, Object> alongHeader(Map<String, Object> table, List<String> key, int i, int at) {
    Object v = table.get(key.get(i));
    if (v == null) {
      Map<String, Object> t = new LinkedHashMap<>();
      table.put(key.get(i), t);
      return t;
    }
    if (how(v) == INLINE) {
      throw in.error(at, "inline table " + name(key, i + 1) + " cannot be extended; write it as a [table] instead");
    }
    if (v instanceof Map) {
      return table(v);
    }
    if (how(v) == ARRAY_OF_TABLES) {
      // a header names the latest table of an array of tables
      List<?> list = (List<?>) v;
      return table(list.get(list.size() - 1));
    }
    throw in.error(at, "key " + name(key, i + 1) + " already holds " + kind(v) + ", not a table");
  }

  private Map<String, Object> defineTable(Map<String, Object> table, List<String> key, int at) {
    String last = key.get(key.size() - 1);
    Object v = table.get(last);
    if (v == null) {
      Map<String, Object> t = new LinkedHashMap<>();
      table.put(last, t);
      made.put(t, BY_HEADER);
      return t;
    }
    int how = how(v);
    if (v instanceof Map && how == ALONG_THE_WAY) {
      made.put(v, BY_HEADER);
      return table(v);
    }
    String path = path(key, key.size());
    String name = "'" + path + "'";
    if (how == BY_HEADER) {
      throw in.error(at, "table [" + path + "] is defined twice");
    }
    if (how == INLINE) {
      throw in.error(at, "inline table " + name + " cannot be extended; write it as a [table] instead");
    }
    if (how == ARRAY_OF_TABLES) {
      throw in.error(at, name + " is an array of tables: its tables are headed [[" + path + "]]");
    }
    if (v instanceof Map) {
      throw in.error(at, "table " + name + " was already made by dotted keys and cannot have a header of its own");
    }
    throw in.error(at, "key " + name + " already holds " + kind(v) + ", not a table");
  }

  private Map<String, Object> appendTable(Map<String, Object> table, List<String> key, int at) {
    String last = key.get(key.size() - 1);
    Object v = table.get(last);
    if (v == null) {
      v = new ArrayList<Object>();
      table.put(last, v);
      made.put(v, ARRAY_OF_TABLES);
    } else if (how(v) != ARRAY_OF_TABLES) {
      throw in.error(at, "key " + name(key, key.size()) + " already holds " + kind(v) + "; [[ ]] only adds to an array of tables");
    }
    Map<String, Object> t = new LinkedHashMap<>();
    made.put(t, BY_HEADER);
    list(v).add(t);
    return t;
  }

  /** key = value, where the key may be dotted; {@code tableKey} names the table, for messages. */
  private void keyValue(Map<String, Object> table, List<String> tableKey) {
    int at = in.pos;
    List<String> key = new ArrayList<>(tableKey);
    int from = key.size();
    key(key);
    if (in.peek() != '=') {
      throw in.error(in.pos, "expected '=' after the key, found " + in.found());
    }
    in.pos++;
    in.skipWs();
    int last = key.size() - 1;
    for (int i = from; i < last; i++) {
      table = alongDottedKey(table, key, i, at);
    }
    if (table.containsKey(key.get(last))) {
      throw in.error(at, "key " + name(key, key.size()) + " is defined twice");
    }
    table.put(key.get(last), value(key));
  }

  private Map<String, Object> alongDottedKey(Map<String, Object> table, List<String> key, int i, int at) {
    Object v = table.get(key.get(i));
    if (v == null) {
      Map<String, Object> t = new LinkedHashMap<>();
      table.put(key.get(i), t);
      made.put(t, BY_DOTTED_KEYS);
      return t;
    }
    int how = how(v);
    if (v instanceof Map && (how == ALONG_THE_WAY || how == BY_DOTTED_KEYS)) {
      made.put(v, BY_DOTTED_KEYS);
      return table(v);
    }
    String name = name(key, i + 1);
    if (how == INLINE) {
      throw in.error(at, "inline table " + name + " cannot be extended");
    }
    if (v instanceof Map) {
      throw in.error(at, "table " + name + " has a header of its own; dotted keys elsewhere cannot add to it");
    }
    throw in.error(at, "key " + name + " already holds " + kind(v) + ", not a table");
  }

  /** Appends the parts of a possibly dotted key to {@code key}; stops after trailing whitespace. */
  private void key(List<String> key) {
    while (true) {
      key.add(in.keyPart());
      in.skipWs();
      if (in.peek() != '.') {
        return;
      }
      in.pos++;
      in.skipWs();
    }
  }

  private Object value(List<String> key) {
    int c = in.peek();
    if (c != '[' && c != '{') {
      return in.scalar();
    }
    // a bound, so that a hostile file cannot overflow the stack
    if (++depth > MAX_DEPTH) {
      throw in.error(in.pos, "arrays and inline tables nest more than " + MAX_DEPTH + " deep");
    }
    Object value = c == '[' ? array(key) : inlineTable(key);
    depth--;
    return value;
  }

  private List<Object> array(List<String> key) {
    int open = in.pos++;
    List<Object> list = new ArrayList<>();
    while (true) {
      in.skipBlank();
      if (in.peek() == ']') {
        in.pos++;
        return list;
      }
      if (in.atEnd()) {
        throw in.error(open, "the array is never closed");
      }
      list.add(value(key));
      in.skipBlank();
      int c = in.peek();
      in.pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        in.pos--;
        throw in.atEnd() ? in.error(open, "the array is never closed")
            : in.error(in.pos, "expected ',' or ']' after an array value, found " + in.found());
      }
    }
  }

  private Map<String, Object> inlineTable(List<String> key) {
    int open = in.pos++;
    Map<String, Object> table = new LinkedHashMap<>();
    in.skipWs();
    if (in.peek() == '}') {
      in.pos++;
    } else {
      while (true) {
        in.skipWs();
        oneLine(open);
        keyValue(table, key);
        in.skipWs();
        oneLine(open);
        int c = in.peek();
        in.pos++;
        if (c == '}') {
          break;
        }
        if (c != ',') {
          in.pos--;
          throw in.error(in.pos, "expected ',' or '}' after a value in an inline table, found " + in.found());
        }
        in.skipWs();
        if (in.peek() == '}') {
          throw in.error(in.pos, "an inline table takes no comma after its last value");
        }
      }
    }
    made.put(table, INLINE);
    return table;
  }

  private void oneLine(int open) {
    int c = in.peek();
    if (c == '\n' || c == '\r' || c == '#' || c == -1) {
      throw in.atEnd() ? in.error(open, "the inline table is never closed")
          : in.error(in.pos, "an inline table stays on one line: close it with '}' before the line ends");
    }
  }

  private int how(Object v) {
    Integer how = made.get(v);
    return how == null ? ALONG_THE_WAY : how;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> table(Object v) {
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object v) {
    return (List<Object>) v;
  }

  private static String kind(Object v) {
    if (v instanceof Map) {
      return "a table";
    }
    return v instanceof List ? "an array" : "a value";
  }

  /** The first {@code n} parts of a key in quotes, for messages: 'a."b c".d'. */
  private static String name(List<String> key, int n) {
    return "'" + path(key, n) + "'";
  }

  /** The first {@code n} parts of a key as TOML writes them: a."b c".d. */
  private static String path(List<String> key, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String part = key.get(i);
      boolean bare = !part.isEmpty();
      for (int j = 0; j < part.length() && bare; j++) {
        bare = TomlText.isBare(part.charAt(j));
      }
      sb.append(i > 0 ? "." : "").append(bare ? part : '"' + part.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
    return sb.toString();
  }
}
