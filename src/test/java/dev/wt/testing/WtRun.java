package dev.wt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.cli.Cli;
import dev.wt.cli.CliEnv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs wt in-process in a given directory with captured stdout and stderr.
 *
 * @param exitCode what wt returned
 */
public record WtRun(int exitCode, String out, String err) {

  /** Runs {@code wt args...} as if started in {@code cwd}, with the test JVM's environment and {@link TestHome}. */
  public static WtRun in(Path cwd, String... args) {
    return in(cwd, Map.of(), args);
  }

  /** Runs with extra environment variables (e.g. CONDUCTOR_*), overriding the JVM's and {@link TestHome}'s. */
  public static WtRun in(Path cwd, Map<String, String> extraEnv, String... args) {
    return run(cwd, extraEnv, new StringWriter(), args);
  }

  /** Starts {@code wt args...} in a thread of its own; {@link Started#err()} is what it printed on stderr so far. */
  public static Started start(Path cwd, Map<String, String> extraEnv, String... args) {
    StringWriter err = new StringWriter();
    return new Started(java.util.concurrent.CompletableFuture.supplyAsync(() -> run(cwd, extraEnv, err, args)), err);
  }

  /** A wt running in the background. */
  public record Started(java.util.concurrent.CompletableFuture<WtRun> result, StringWriter errSoFar) {

    public String err() {
      return errSoFar.toString();
    }

    /** Waits for it to end (at most two minutes). */
    public WtRun finish() throws Exception {
      return result.get(2, java.util.concurrent.TimeUnit.MINUTES);
    }
  }

  private static WtRun run(Path cwd, Map<String, String> extraEnv, StringWriter err, String... args) {
    StringWriter out = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(TestHome.env());
    env.putAll(extraEnv);
    int code = Cli.run(new CliEnv(cwd, env, new PrintWriter(out, true), new PrintWriter(err, true), false), args);
    return new WtRun(code, out.toString(), err.toString());
  }

  /** Fails with both streams shown unless wt exited with {@code expected}. */
  public WtRun expect(int expected) {
    assertEquals(expected, exitCode, () -> "unexpected exit code\n--- stdout ---\n" + out + "--- stderr ---\n" + err);
    return this;
  }

  public WtRun ok() {
    return expect(0);
  }
}
