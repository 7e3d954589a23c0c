package dev.wt.core;

import java.util.Map;
import java.util.regex.Pattern;

/** How {@code wt env} prints variables: for sh-like shells, fish, or a dotenv file. */
public enum EnvFormat {
  /** {@code export KEY='value'} for sh, bash, zsh (and direnv's {@code eval}). */
  SH,
  /** {@code set -gx KEY 'value'} for fish. */
  FISH,
  /** {@code KEY=value}, quoted the way dotenv libraries read it back. */
  DOTENV,
  /** One JSON object of strings (written by hand: no JSON library on this hot path). */
  JSON;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");

  /** The variables as text in this format, one per line. */
  public String render(Map<String, String> vars) {
    if (this == JSON) {
      return json(vars);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      switch (this) {
        case SH -> out.append("export ").append(k).append('=').append(shQuote(v));
        case FISH -> out.append("set -gx ").append(k).append(' ').append(fishQuote(v));
        case DOTENV -> out.append(k).append('=').append(dotenvQuote(v));
        case JSON -> throw new IllegalStateException("handled above");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String json(Map<String, String> vars) {
    StringBuilder out = new StringBuilder("{");
    String sep = "\n";
    for (Map.Entry<String, String> e : vars.entrySet()) {
      out.append(sep).append("  ").append(jsonString(e.getKey())).append(" : ").append(jsonString(e.getValue()));
      sep = ",\n";
    }
    return out.append(vars.isEmpty() ? "}\n" : "\n}\n").toString();
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String shQuote(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }

  static String fishQuote(String v) {
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String dotenvQuote(String v) {
    if (PLAIN.matcher(v).matches()) {
      return v;
    }
    if (!v.contains("'") && !v.contains("\n")) {
      return "'" + v + "'";
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
