package dev.wt.core.config;

/**
 * The dev URL of a worktree ({@code WT_URL}): a template over the {@code WT_*} variables, e.g.
 * {@code https://${WT_SUBDOMAIN}.${WT_PROJECT}.localhost} for one origin per worktree.
 */
public record UrlConfig(String pattern) {

  public static final String DEFAULT_PATTERN = "http://localhost:${WT_PORT}";

  public UrlConfig {
    pattern = pattern == null ? DEFAULT_PATTERN : pattern;
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("url.pattern must not be blank");
    }
  }

  private static final java.util.regex.Pattern PORT_PLACEHOLDER =
      java.util.regex.Pattern.compile("\\$\\{WT_PORT(?:_([0-9]+))?}");

  /** How many ports the pattern needs: 0 without {@code ${WT_PORT}}, n + 1 with {@code ${WT_PORT_n}}. */
  public int portsNeeded() {
    int needed = 0;
    java.util.regex.Matcher m = PORT_PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      needed = Math.max(needed, m.group(1) == null ? 1 : Integer.parseInt(m.group(1)) + 1);
    }
    return needed;
  }

  /** Whether worktrees are told apart by subdomain, which then must be unique. */
  public boolean usesSubdomain() {
    return pattern.contains("${WT_SUBDOMAIN}");
  }
}
