package dev.wt.core.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell commands run inside a worktree after everything else is in place.
 *
 * @param timeout how long one set-up or migrate command may run before its process group is
 *     stopped: {@code "30m"} (the default), {@code "90s"}, {@code "2h"}, or seconds as a number
 */
public record SetupConfig(List<String> commands, String timeout) {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)?");

  public SetupConfig {
    commands = commands == null ? List.of() : List.copyOf(commands);
    for (String c : commands) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("setup.commands must not contain empty commands");
      }
    }
    timeout = timeout == null ? "30m" : timeout.strip();
    if (!DURATION.matcher(timeout).matches() || parse(timeout).isZero()) {
      throw new IllegalArgumentException("setup.timeout must be a positive duration like \"30m\", \"90s\" or \"2h\", not "
          + timeout);
    }
  }

  public SetupConfig(List<String> commands) {
    this(commands, null);
  }

  /** The timeout as a duration. */
  public Duration timeoutDuration() {
    return parse(timeout);
  }

  private static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
