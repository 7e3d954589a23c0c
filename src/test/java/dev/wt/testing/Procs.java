package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    return start(dir, "setsid", "sh", "-c", script);
  }

  /** Remembers a pid (e.g. a grandchild) to kill at the end. */
  public long track(long pid) {
    started.add(pid);
    return pid;
  }

  /** Waits for a file a process writes (its pid, a ready mark) and returns its content. */
  public static String await(Path file) {
    long deadline = System.currentTimeMillis() + 20_000;
    try {
      while (System.currentTimeMillis() < deadline) {
        if (Files.isRegularFile(file)) {
          String s = Files.readString(file).strip();
          if (!s.isEmpty()) {
            return s;
          }
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("nothing was written to " + file + " within 20 s");
  }

  /** Whether {@code pid} runs (and is not a zombie). */
  public static boolean alive(long pid) {
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
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (!alive(pid)) {
        return true;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !alive(pid);
      }
    }
    return !alive(pid);
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
