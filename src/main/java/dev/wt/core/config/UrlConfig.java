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

  /** Whether worktrees are told apart by subdomain, which then must be unique. */
  public boolean usesSubdomain() {
    return pattern.contains("${WT_SUBDOMAIN}");
  }
}
