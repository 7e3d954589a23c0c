package dev.wt.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one key from a dotenv file the way dotenv libraries and {@code vercel env pull} write them:
 * {@code KEY=value}, optional {@code export }, single or double quotes (double quotes knowing
 * {@code \n}, {@code \"} and {@code \\}), {@code #} comments after unquoted values. The text is
 * never echoed: callers get the value or nothing.
 */
public final class Dotenv {

  private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$");

  private Dotenv() {}

  /** The value of the last assignment to {@code key} (later lines win, as in the libraries); empty when absent. */
  public static Optional<String> value(String text, String key) {
    String found = null;
    for (String line : text.split("\r?\n", -1)) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && m.group(1).equals(key)) {
        found = unquote(m.group(2));
      }
    }
    return Optional.ofNullable(found);
  }

  private static String unquote(String raw) {
    String v = raw.strip();
    if (v.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && i + 1 < v.length()) {
          char n = v.charAt(++i);
          out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
    if (v.startsWith("'")) {
      int end = v.indexOf('\'', 1);
      return end < 0 ? v.substring(1) : v.substring(1, end);
    }
    int hash = v.indexOf(" #");
    return (hash >= 0 ? v.substring(0, hash) : v).strip();
  }
}
