package dev.wt.core;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands {@code ${NAME}} placeholders; {@code $${} escapes a literal {@code ${}. */
public final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Template() {}

  /**
   * Replaces every placeholder with its value.
   *
   * @throws WtException (refused) naming the first unknown placeholder and where it was used
   */
  public static String expand(String text, Map<String, String> values, String where) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 32);
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name == null) {
        replacement = "${";
      } else {
        replacement = values.get(name);
        if (replacement == null) {
          throw WtException.refused(
              "unknown placeholder ${" + name + "} in " + where,
              "known placeholders: " + String.join(", ", new java.util.TreeSet<>(values.keySet())));
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
