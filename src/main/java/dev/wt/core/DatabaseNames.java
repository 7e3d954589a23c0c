package dev.wt.core;

import java.util.regex.Pattern;

/** Derives per-worktree database names that always fit PostgreSQL's 63-byte identifier limit. */
public final class DatabaseNames {

  /** PostgreSQL's NAMEDATALEN - 1: longer names are truncated silently by the server. */
  public static final int MAX_BYTES = 63;

  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");

  private DatabaseNames() {}

  /** Whether a configured prefix can start a database name and leave room for a slug. */
  public static boolean validPrefix(String prefix) {
    return prefix != null
        && PREFIX.matcher(prefix).matches()
        && prefix.length() + 1 + 1 + 1 + WorktreeIdentity.HASH_CHARS <= MAX_BYTES;
  }

  /**
   * {@code <prefix>_<slug>}, shortening the slug's readable part (never its hash) until it fits.
   */
  public static String of(String prefix, WorktreeIdentity identity) {
    if (!validPrefix(prefix)) {
      throw new IllegalArgumentException(
          "database prefix must match [a-z_][a-z0-9_]* and be at most "
              + (MAX_BYTES - 3 - WorktreeIdentity.HASH_CHARS) + " characters: " + prefix);
    }
    String readable = identity.readable();
    int room = MAX_BYTES - prefix.length() - 1 - 1 - WorktreeIdentity.HASH_CHARS;
    if (readable.length() > room) {
      readable = readable.substring(0, room);
      while (readable.endsWith("_")) {
        readable = readable.substring(0, readable.length() - 1);
      }
    }
    return prefix + "_" + readable + "_" + identity.hash();
  }

  /**
   * A valid prefix made from a project name: lower-cased, other characters to {@code _}, starting
   * with a letter, at most 20 characters so the slug keeps a readable part.
   */
  public static String prefixFor(String project) {
    String p = project == null ? "" : project.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
        .replaceAll("_+", "_").replaceAll("^_+|_+$", "");
    if (p.isEmpty() || !Character.isLetter(p.charAt(0))) {
      p = p.isEmpty() ? "wt" : "wt_" + p;
    }
    if (p.length() > 20) {
      p = p.substring(0, 20).replaceAll("_+$", "");
    }
    return p;
  }
}
