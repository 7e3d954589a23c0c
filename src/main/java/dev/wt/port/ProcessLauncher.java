package dev.wt.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a user's program in the foreground, in a process group of its own. */
public interface ProcessLauncher {

  /**
   * Runs {@code command} in {@code dir} with exactly {@code env}, stdin/stdout/stderr inherited,
   * forwarding SIGINT, SIGTERM and SIGHUP to its process group until it exits.
   *
   * @return its exit code, or 128 + the signal number when a signal ended it
   */
  int run(List<String> command, Path dir, Map<String, String> env);
}
