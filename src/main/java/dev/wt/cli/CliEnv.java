package dev.wt.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI takes from the outside world, so tests run the whole tool in-process.
 *
 * @param terminal whether stdout/stderr are a terminal (colour and progress only then)
 * @param stdin what the hooks read their JSON payload from (tests hand a recorded one)
 */
public record CliEnv(Path cwd, Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal,
    InputStream stdin) {

  public CliEnv {
    env = Map.copyOf(env);
  }

  /** With the process's own stdin. */
  public CliEnv(Path cwd, Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
    this(cwd, env, out, err, terminal, System.in);
  }

  /** Colour only on a terminal, never with NO_COLOR set (any value) or TERM=dumb. */
  public boolean colour() {
    return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }
}
