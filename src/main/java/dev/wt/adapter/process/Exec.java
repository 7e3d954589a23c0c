package dev.wt.adapter.process;

import dev.wt.core.WtException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program with a timeout and captures what it prints. */
public final class Exec {

  private Exec() {}

  /** The outcome of one run. */
  public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code command} in {@code dir} with {@code extraEnv} added to the inherited environment.
   *
   * @throws WtException (environment) when the program is missing or does not finish in time
   */
  public static Result run(List<String> command, Path dir, Map<String, String> extraEnv, Duration timeout) {
    return run(command, dir, extraEnv, timeout, null);
  }

  /** Like {@link #run(List, Path, Map, Duration)}, writing {@code stdin} (may be null) to the program. */
  public static Result run(List<String> command, Path dir, Map<String, String> extraEnv, Duration timeout,
      byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw WtException.environment(
          "cannot run " + command.get(0) + ": " + e.getMessage(),
          "install " + command.get(0) + " or put it on PATH", e);
    }
    try {
      if (stdin == null) {
        p.getOutputStream().close();
      } else {
        // written on its own thread: a program that answers while reading would fill the pipe
        Thread writer = new Thread(() -> {
          try (var in = p.getOutputStream()) {
            in.write(stdin);
          } catch (IOException e) {
            // the program stopped reading; its exit code tells the rest
          }
        }, "exec-stdin");
        writer.setDaemon(true);
        writer.start();
      }
      // both streams on their own threads: a child that keeps stdout open (a daemon it started)
      // must not hold wt past the timeout
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outReader = reader(p.getInputStream(), out, "exec-stdout");
      Thread errReader = reader(p.getErrorStream(), err, "exec-stderr");
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw WtException.environment(
            command.get(0) + " did not finish within " + timeout.toSeconds() + " s: " + String.join(" ", command),
            "check that nothing holds a lock on the repository and try again");
      }
      outReader.join(STREAM_DRAIN_MILLIS);
      errReader.join(STREAM_DRAIN_MILLIS);
      return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running " + command.get(0), e);
    }
  }

  /** How long to wait for the rest of the output once the program itself has exited. */
  private static final long STREAM_DRAIN_MILLIS = 5_000;

  private static Thread reader(InputStream in, ByteArrayOutputStream sink, String name) {
    Thread t = new Thread(() -> copy(in, sink), name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process went away; what was read so far is all there is
    }
  }
}
