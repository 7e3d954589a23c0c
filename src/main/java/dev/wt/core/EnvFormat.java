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
  DOTENV;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");

  /** The variables as text in this format, one per line. */
  public String render(Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      switch (this) {
        case SH -> out.append("export ").append(k).append('=').append(shQuote(v));
        case FISH -> out.append("set -gx ").append(k).append(' ').append(fishQuote(v));
        case DOTENV -> out.append(k).append('=').append(dotenvQuote(v));
      }
      out.append('\n');
    }
    return out.toString();
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
