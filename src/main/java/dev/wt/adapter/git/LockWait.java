package dev.wt.adapter.git;

import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits out one of git's lock files before wt removes it. git removes its locks on every exit but
 * SIGKILL, so a lock no process holds that outlives the grace period was left by a killed git and
 * goes. One a running process may hold ({@link LockHolders}) stays: wt says whom it waits for, and
 * stops naming that process if the lock is still held after the limit. Where no process table can
 * tell, the grace period alone decides.
 */
final class LockWait {

  static final Duration GRACE = Duration.ofSeconds(5);
  static final Duration LIMIT = Duration.ofSeconds(60);
  /** How long a lock may just be in use before wt looks for its holder, and then how often it looks. */
  private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
  private static final Object NO_KEY = new Object();

  private final LockHolders holders;
  private final Consumer<String> waiting;
  private final Duration grace;
  private final Duration limit;

  /** @param waiting told, once, which process wt waits for */
  LockWait(LockHolders holders, Consumer<String> waiting, Duration grace, Duration limit) {
    this.holders = holders;
    this.waiting = waiting;
    this.grace = grace;
    this.limit = limit;
  }

  /**
   * Returns once {@code lock} is gone: let go by its git, or removed because no process held it
   * after the grace period.
   *
   * @throws WtException (environment) when a process may still hold it after the limit, or it cannot be deleted
   */
  void clear(Path lock) {
    clear(List.of(lock));
  }

  /**
   * {@link #clear(Path)} for each of {@code locks}, which one git takes together: the grace period
   * and the limit count from this call for all of them (a lock file replaced meanwhile gets its own
   * grace period).
   */
  void clear(List<Path> locks) {
    long start = System.nanoTime();
    List<Object> seen = locks.stream().map(LockWait::identity).toList();
    for (int i = 0; i < locks.size(); i++) {
      clear(locks.get(i), start, seen.get(i));
    }
  }

  private void clear(Path lock, long start, Object seenAtStart) {
    Object seen = identity(lock);
    long graceFrom = seen != null && seen.equals(seenAtStart) ? start : System.nanoTime();
    long nextLook = start + LOOK_EVERY.toNanos();
    boolean told = false;
    while (seen != null) {
      long t = System.nanoTime();
      if (t - nextLook < 0) {
        pause(lock);
        Object now = identity(lock);
        if (now != null && !now.equals(seen)) {
          graceFrom = System.nanoTime(); // a new lock: another git took it since, so its grace starts now
        }
        seen = now;
        continue;
      }
      nextLook = t + LOOK_EVERY.toNanos();
      Optional<LockHolders.Holder> holder = holders.of(lock);
      if (!seen.equals(identity(lock))) {
        continue; // gone or replaced while wt looked: look again
      }
      if (holder.isEmpty()) {
        if (t - graceFrom >= grace.toNanos()) {
          delete(lock);
          return;
        }
        continue;
      }
      LockHolders.Holder h = holder.get();
      if (t - start >= limit.toNanos()) {
        throw WtException.environment((h.open()
            ? lock + " is still held after " + limit.toSeconds() + " s by " + h.name()
            : lock + " is still there after " + limit.toSeconds() + " s while " + h.name() + " works in its repository"),
            "let " + h.program() + " (pid " + h.pid() + ") finish" + (h.git() ? "" : " or close it")
                + ", then run wt again (wt removes a lock only once no running process may hold it); if it hangs, end it (kill "
                + h.pid() + ")");
      }
      if (!told) {
        told = true;
        waiting.accept("waiting for " + h.name() + (h.open() ? ", which holds " : ", a git at work in this repository that may hold ")
            + lock);
      }
    }
  }

  /** What tells this lock file from a later one at the same path; null when there is none. */
  private static Object identity(Path lock) {
    try {
      Object key = Files.readAttributes(lock, BasicFileAttributes.class).fileKey();
      return key == null ? NO_KEY : key;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return NO_KEY; // there, but unreadable: deleting it will tell
    }
  }

  private static void delete(Path lock) {
    try {
      Files.deleteIfExists(lock);
    } catch (IOException e) {
      throw WtException.environment("cannot delete " + lock + ": " + e.getMessage(), "delete it by hand");
    }
  }

  private static void pause(Path lock) {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.internal("interrupted while waiting for git's lock " + lock, e);
    }
  }
}
