package dev.wt.adapter.git;

import dev.wt.adapter.process.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ref lock files ({@code refs/heads/x.lock}, {@code packed-refs.lock}) that a git killed with wt
 * left behind: git removes its locks on every exit but SIGKILL, and refuses to touch the ref while
 * one exists. A ref update holds its lock for milliseconds, so one still there after a few seconds
 * belongs to no running git and is removed before the command is tried once more.
 */
final class StaleRefLocks {

  private static final Pattern LOCK = Pattern.compile("Unable to create '([^']+\\.lock)': File exists");
  private static final Duration GRACE = Duration.ofSeconds(5);

  private StaleRefLocks() {}

  /** Runs {@code command}; when it failed on a stale ref lock, removes that lock and runs it again. */
  static Exec.Result retrying(Supplier<Exec.Result> command) {
    Exec.Result r = command.get();
    if (r.ok()) {
      return r;
    }
    Matcher m = LOCK.matcher(r.stderr());
    if (!m.find()) {
      return r;
    }
    Path lock = Path.of(m.group(1));
    String name = lock.getFileName().toString();
    boolean refLock = name.equals("packed-refs.lock") || lock.toString().contains("/refs/") || name.equals("HEAD.lock");
    if (!refLock) {
      return r; // index.lock may be held for long by a checkout: not guessed at here
    }
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (Files.exists(lock) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
    }
    try {
      Files.deleteIfExists(lock);
    } catch (IOException e) {
      return r;
    }
    return command.get();
  }
}
