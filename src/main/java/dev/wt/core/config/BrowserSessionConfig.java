package dev.wt.core.config;

/** The per-worktree browser-session file (off unless {@code file} is set) and its template. */
public record BrowserSessionConfig(String file, String template) {

  public static final String DEFAULT_TEMPLATE = "{\"sessionName\": \"${WT_PROJECT}-${WT_SLUG}\"}\n";

  public BrowserSessionConfig {
    if (file != null) {
      ConfigPaths.requireWritable("browser_session.file", file);
    }
    template = template == null ? DEFAULT_TEMPLATE : template;
  }

  public boolean enabled() {
    return file != null;
  }
}
