package dev.wt.adapter.process;

import dev.wt.core.Secrets;
import dev.wt.core.WtException;
import dev.wt.port.ProcessTable;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way wt starts a program: captured ({@link #run}), streamed line by line
 * ({@link #stream}) or attached to wt's terminal ({@link #attached}). A program that outlives its
 * timeout is stopped with everything it started; a command line in an error has its credentials
 * masked ({@link Secrets#mask}).
 */
public final class Exec {

  /** How long to wait for the rest of the output once the program itself has exited. */
  private static final long STREAM_DRAIN_MILLIS = 5_000;

  /** How long streamed output may keep arriving after the program exited, from processes it left behind. */
  private static final long LINES_DRAIN_MILLIS = 2_000;

  /** How long a streamed program's group gets between SIGTERM and SIGKILL on a timeout. */
  private static final Duration GRACE = Duration.ofSeconds(5);

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
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = start(pb, dir, extraEnv, false, "install " + command.get(0) + " or put it on PATH");
    try {
      if (stdin == null) {
        p.getOutputStream().close();
      } else {
        // written on its own thread: a program that answers while reading would fill the pipe
        daemon("exec-stdin", () -> {
          try (var in = p.getOutputStream()) {
            in.write(stdin);
          } catch (IOException e) {
            // the program stopped reading; its exit code tells the rest
          }
        });
      }
      // both streams on their own threads: a child that keeps stdout open (a daemon it started)
      // must not hold wt past the timeout
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outReader = daemon("exec-stdout", () -> copy(p.getInputStream(), out));
      Thread errReader = daemon("exec-stderr", () -> copy(p.getErrorStream(), err));
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw WtException.environment(command.get(0) + " did not finish within " + timeout.toSeconds() + " s: "
            + masked(command), "check that nothing holds a lock on the repository and try again");
      }
      outReader.join(STREAM_DRAIN_MILLIS);
      errReader.join(STREAM_DRAIN_MILLIS);
      return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw WtException.environment("cannot write to " + command.get(0) + ": " + e.getMessage(), "try again", e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running " + command.get(0), e);
    }
  }

  /**
   * Runs {@code command} in a process group of its own with stdin from /dev/null, stdout and stderr
   * merged and handed to {@code lines} line by line; returns its exit code. When it runs longer
   * than {@code timeout} (null: no limit) its whole group gets SIGTERM, then SIGKILL, and
   * {@code onTimeout}'s exception is thrown.
   */
  public static int stream(List<String> command, Path dir, Map<String, String> extraEnv, Consumer<String> lines,
      Duration timeout, Supplier<WtException> onTimeout) {
    // its own process group, so that a timeout stops everything it started, not just the program
    List<String> full = new ArrayList<>(GroupLauncher.wrapper());
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = start(pb, dir, extraEnv, false, "install " + command.get(0) + " or put it on PATH");
    // Read on a daemon thread and wait for the program itself: one that starts something in the
    // background (a dev server, "docker compose up &") leaves it holding the pipe, and reading to
    // the end of the output would then wait for that process, maybe forever.
    Thread reader = daemon("exec-lines", () -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.accept(line);
        }
      } catch (IOException e) {
        // the pipe broke: the exit code still tells whether the command worked
      }
    });
    try {
      if (timeout != null && !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stopGroup(p);
        reader.join(LINES_DRAIN_MILLIS);
        throw onTimeout.get();
      }
      int code = p.waitFor();
      reader.join(LINES_DRAIN_MILLIS); // what the program printed before it exited is still in the pipe
      return code;
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while running " + masked(command), e);
    }
  }

  /**
   * Starts {@code command} attached to wt's terminal (stdin, stdout and stderr inherited); the
   * caller waits for it. With {@code exactEnv} the program gets {@code env} and nothing else.
   */
  public static Process attached(List<String> command, Path dir, Map<String, String> env, boolean exactEnv,
      String missingHint) {
    return start(new ProcessBuilder(command).inheritIO(), dir, env, exactEnv, missingHint);
  }

  /** {@code command} as it may appear in a message: credentials masked. */
  public static String masked(List<String> command) {
    return Secrets.mask(String.join(" ", command));
  }

  /** "90 s", "5 min", "2 h": a timeout as wt.toml writes it. */
  public static String describe(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  /** The variables that tell git which repository, work tree, index or objects to use. */
  private static final List<String> REPOSITORY_ENV = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
      "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX",
      "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS");

  private static Process start(ProcessBuilder pb, Path dir, Map<String, String> env, boolean exactEnv,
      String missingHint) {
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    if (exactEnv) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    // the shell function's hand-over to this wt (cli.ShellCd): a wt started by a command wt runs
    // (wt run -- bash, a set-up script) must not move the outer shell
    pb.environment().remove("WT_SHELL_CD_FILE");
    pb.environment().remove("WT_SHELL_PREVIOUS");
    // a wt started from a git hook or an alias (git --git-dir=... --work-tree=...) inherits these,
    // and git obeys them over -C: a reset or clean meant for a new worktree would act on the
    // repository they name. wt names the repository of each git call itself, and a command it runs
    // in a worktree (set-up, teardown, migrations) works on that worktree, not on the one they name
    REPOSITORY_ENV.forEach(pb.environment()::remove);
    try {
      return pb.start();
    } catch (IOException e) {
      throw WtException.environment("cannot run " + pb.command().get(0) + ": " + Secrets.mask(e.getMessage()),
          missingHint, e);
    }
  }

  /** SIGTERM to the group {@code p} leads, the grace period, SIGKILL to what is left of it. */
  private static void stopGroup(Process p) throws InterruptedException {
    List<Long> group = List.of(p.pid()); // the session leader's pid is its group's id
    Signals.send(ProcessTable.Signal.TERM, group, List.of());
    boolean exited = p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    // the leader may be gone while what it started in the group is not
    Signals.send(ProcessTable.Signal.KILL, group, List.of());
    if (!exited) {
      p.waitFor();
    }
  }

  private static Thread daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
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
