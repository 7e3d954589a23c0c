package dev.wt.core;

/**
 * Git's rules for a ref name ({@code git check-ref-format} without options), checked without
 * running git: no empty part, no part starting with '.' or ending in ".lock", no "..", no "@{",
 * no control character, space or any of {@code ~^:?*[\}, not ending in '.', not "@" alone.
 */
public final class RefNames {

  private RefNames() {}

  /** Whether git accepts {@code refname} (a full name such as {@code refs/heads/feat/x}). */
  public static boolean valid(String refname) {
    if (refname.equals("@") || refname.isEmpty() || refname.endsWith(".")) {
      return false;
    }
    int parts = 0;
    for (String part : refname.split("/", -1)) {
      if (!validPart(part)) {
        return false;
      }
      parts++;
    }
    return parts >= 2;
  }

  private static boolean validPart(String part) {
    if (part.isEmpty() || part.startsWith(".") || part.endsWith(".lock")) {
      return false;
    }
    char last = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0
          || c == '.' && last == '.' || c == '{' && last == '@') {
        return false;
      }
      last = c;
    }
    return true;
  }
}
