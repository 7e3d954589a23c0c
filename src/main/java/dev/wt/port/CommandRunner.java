package dev.wt.port;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a user's shell command (post-setup, migrations) with output streamed line by line. */
public interface CommandRunner {

  /** Runs {@code command} with {@code /bin/sh -c} in {@code dir}; returns its exit code. */
  int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines);

  /**
   * {@link #runShell(String, Path, Map, Consumer)} that stops the command's whole process group
   * when it runs longer than {@code timeout}, and then fails (exit 4) naming it.
   */
  default int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines,
      java.time.Duration timeout) {
    return runShell(command, dir, env, lines);
  }

  /**
   * Runs {@code command} like {@link #runShell(String, Path, Map, Consumer, java.time.Duration)}
   * (its process group stopped past {@code timeout}, which throws), keeping its stdout apart: stderr
   * goes to {@code stderrLines}, stdout is returned.
   */
  default Captured capture(String command, Path dir, Map<String, String> env, Consumer<String> stderrLines,
      java.time.Duration timeout) {
    throw new UnsupportedOperationException("capture");
  }

  /** A finished command's exit code and what it printed on stdout. */
  record Captured(int exitCode, String stdout) {}
}
