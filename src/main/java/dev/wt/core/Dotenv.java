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

  /**
   * {@code text} without the assignments to any of {@code keys} (a quoted value spanning lines
   * goes whole); comments, blank lines and every other assignment stay as written.
   */
  public static String without(String text, java.util.Set<String> keys) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("(?<=\n)");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = LINE.matcher(lines[i].stripTrailing());
      int last = i;
      if (m.matches()) {
        String v = m.group(2).strip();
        char q = v.isEmpty() ? 0 : v.charAt(0);
        if ((q == '"' || q == '\'') && !closes(v.substring(1), q)) {
          while (last + 1 < lines.length && !closes(lines[last + 1], q)) {
            last++;
          }
          last = Math.min(last + 1, lines.length - 1);
        }
      }
      if (!m.matches() || !keys.contains(m.group(1))) {
        for (int j = i; j <= last; j++) {
          out.append(lines[j]);
        }
      }
      i = last;
    }
    return out.toString();
  }

  private static boolean closes(String rest, char quote) {
    for (int i = 0; i < rest.length(); i++) {
      if (quote == '"' && rest.charAt(i) == '\\') {
        i++;
      } else if (rest.charAt(i) == quote) {
        return true;
      }
    }
    return false;
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
