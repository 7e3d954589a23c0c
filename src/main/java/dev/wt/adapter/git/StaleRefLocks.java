package dev.wt.adapter.git;

import dev.wt.adapter.process.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ref lock files ({@code refs/heads/x.lock}, {@code packed-refs.lock}, and the {@code packed-refs.new}
 * written under the latter) that a git killed with wt left behind: git removes its locks on every exit but SIGKILL, and refuses to touch the ref while
 * one exists. A ref update holds its lock for milliseconds, so one still there after a few seconds
 * belongs to no running git and is removed before the command is tried once more.
 */
final class StaleRefLocks {

  private static final Pattern LOCK = Pattern.compile("Unable to create '([^']+\\.lock)': File exists");
  /** The new packed-refs file git writes under packed-refs.lock; a killed rewrite leaves it, and every later one fails. */
  private static final Pattern PACKED_NEW = Pattern.compile("unable to create file (.+/packed-refs\\.new): File exists");
  private static final Duration GRACE = Duration.ofSeconds(5);

  private StaleRefLocks() {}

  /** Runs {@code command}; when it failed on a stale ref lock, removes that lock and runs it again. */
  static Exec.Result retrying(Supplier<Exec.Result> command) {
    return retrying(command, List::of);
  }

  /**
   * As {@link #retrying(Supplier)}, and when git's message names no lock, looks for one of
   * {@code suspects} (the locks the command would take) still there after the grace period.
   */
  static Exec.Result retrying(Supplier<Exec.Result> command, Supplier<List<Path>> suspects) {
    Exec.Result r = command.get();
    // a killed git may leave more than one lock (the ref's and packed-refs'): one at a time
    for (int attempt = 0; attempt < 3 && !r.ok(); attempt++) {
      Path lock = staleLock(r, suspects);
      if (lock == null) {
        return r;
      }
      r = removeAndRetry(command, r, lock);
    }
    return r;
  }

  /** The ref lock a failed command names, else one of {@code suspects} that is there; null when none. */
  private static Path staleLock(Exec.Result r, Supplier<List<Path>> suspects) {
    Matcher m = LOCK.matcher(r.stderr());
    if (m.find()) {
      Path lock = Path.of(m.group(1));
      String name = lock.getFileName().toString();
      boolean refLock = name.equals("packed-refs.lock") || lock.toString().contains("/refs/") || name.endsWith("HEAD.lock"); // ORIG_HEAD too
      return refLock ? lock : null; // index.lock may be held for long by a checkout: not guessed at here
    }
    Matcher packed = PACKED_NEW.matcher(r.stderr());
    if (packed.find()) {
      return Path.of(packed.group(1));
    }
    for (Path lock : suspects.get()) {
      if (Files.exists(lock)) {
        return lock;
      }
    }
    return null;
  }

  private static Exec.Result removeAndRetry(Supplier<Exec.Result> command, Exec.Result r, Path lock) {
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
