package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real processes started by a test, all killed (with their groups) when it ends. */
public final class Procs implements AutoCloseable {

  private final List<Long> started = new ArrayList<>();

  /** Starts {@code command} in {@code dir}; output discarded. Returns its pid. */
  public long start(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
      started.add(p.pid());
      return p.pid();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code script} under {@code setsid sh -c}: a new session and group led by the shell. */
  public long startGroup(Path dir, String script) {
    Needs.setsid();
    return start(dir, "setsid", "sh", "-c", script);
  }

  /** Remembers a pid (e.g. a grandchild) to kill at the end. */
  public long track(long pid) {
    started.add(pid);
    return pid;
  }

  /** Waits for a file a process writes (its pid, a ready mark) and returns its content. */
  public static String await(Path file) {
    String s = Poll.first(Duration.ofSeconds(20), () -> {
      String content = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
      return content.isEmpty() ? null : content;
    });
    if (s == null) {
      throw new AssertionError("nothing was written to " + file + " within 20 s");
    }
    return s;
  }

  /** Whether {@code pid} runs (and is not a zombie); skips the test where there is no /proc to tell. */
  public static boolean alive(long pid) {
    Needs.proc();
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits up to {@code seconds} for {@code pid} to be gone; returns whether it is. */
  public static boolean gone(long pid, double seconds) {
    return Poll.until(Duration.ofMillis((long) (seconds * 1000)), () -> !alive(pid));
  }

  @Override
  public void close() {
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(h -> {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
      });
    }
  }
}
