package dev.wt.core;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The frozen identity of one worktree: the original branch name and everything derived from it.
 *
 * <p>Derivation is pure and deterministic (DESIGN §2). Once a worktree is provisioned its identity
 * is stored and read back, never re-derived, so renaming the branch or folder moves nothing.
 */
public record WorktreeIdentity(String branch, String slug, String subdomain) {

  /** Longest readable part kept in a slug; the whole slug stays well under PostgreSQL's 63 bytes. */
  public static final int MAX_READABLE = 40;

  static final int HASH_CHARS = 6;
  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]*_[0-9a-f]{6}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

  public WorktreeIdentity {
    if (branch == null || branch.isEmpty()) {
      throw new IllegalArgumentException("branch must not be empty");
    }
    if (slug == null || !SLUG.matcher(slug).matches() || slug.length() > MAX_READABLE + 1 + HASH_CHARS) {
      throw new IllegalArgumentException("not a valid slug: " + slug);
    }
    if (subdomain == null || !LABEL.matcher(subdomain).matches()) {
      throw new IllegalArgumentException("not a valid DNS label: " + subdomain);
    }
  }

  /** Whether {@code text} has the shape of a slug ({@code readable_abc123}). */
  public static boolean isSlug(String text) {
    return text != null && SLUG.matcher(text).matches() && text.length() <= MAX_READABLE + 1 + HASH_CHARS;
  }

  /** Derives the identity of a branch; accepts any string, however hostile. */
  public static WorktreeIdentity derive(String branch) {
    if (branch == null || branch.isEmpty()) {
      throw new IllegalArgumentException("branch must not be empty");
    }
    String hash = hash(branch);
    return new WorktreeIdentity(branch, slugOf(branch, hash), subdomainOf(branch, hash));
  }

  /** The readable part of the slug, without its hash suffix: used for folder names. */
  public String readable() {
    return slug.substring(0, slug.length() - HASH_CHARS - 1);
  }

  /** The hash suffix of the slug: the part that is never shortened. */
  public String hash() {
    return slug.substring(slug.length() - HASH_CHARS);
  }

  static String slugOf(String branch, String hash) {
    String readable = words(lastSegment(branch), '_');
    if (readable.isEmpty()) {
      readable = "wt";
    } else if (!Character.isLetter(readable.charAt(0))) {
      readable = "wt_" + readable;
    }
    readable = trimTo(readable, MAX_READABLE, '_');
    return readable + "_" + hash;
  }

  static String subdomainOf(String branch, String hash) {
    String label = words(lastSegment(branch), '-');
    if (label.isEmpty()) {
      return "wt-" + hash;
    }
    return trimTo(label, 63, '-');
  }

  /** The last non-empty path segment; the branch itself when it has none. */
  static String lastSegment(String branch) {
    String[] parts = branch.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!words(parts[i], '_').isEmpty()) {
        return parts[i];
      }
    }
    return branch;
  }

  /** Lower-cases, folds accents, and turns every run of other characters into one separator. */
  static String words(String text, char separator) {
    String folded = DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    String lower = folded.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    boolean pendingSeparator = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '_' && separator == '_')) {
        if (c == '_') {
          pendingSeparator = true;
          continue;
        }
        if (pendingSeparator && out.length() > 0) {
          out.append(separator);
        }
        pendingSeparator = false;
        out.append(c);
      } else {
        pendingSeparator = true;
      }
    }
    return out.toString();
  }

  private static String trimTo(String text, int max, char separator) {
    String cut = text.length() > max ? text.substring(0, max) : text;
    int end = cut.length();
    while (end > 0 && cut.charAt(end - 1) == separator) {
      end--;
    }
    return cut.substring(0, end);
  }

  static String hash(String branch) {
    byte[] digest = Sha.sha1().update(branch.getBytes(StandardCharsets.UTF_8)).digest();
    return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
  }
}
