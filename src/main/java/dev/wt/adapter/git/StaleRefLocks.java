package dev.wt.adapter.git;

import dev.wt.adapter.process.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ref lock files ({@code refs/heads/x.lock}, {@code packed-refs.lock}, and the {@code packed-refs.new}
 * written under the latter) that a git killed with wt left behind: git removes its locks on every
 * exit but SIGKILL, and refuses to touch the ref while one exists. A lock git fails on is waited out
 * ({@link LockWait}: removed once no running git may hold it) before the command is tried once more.
 */
final class StaleRefLocks {

  private static final Pattern LOCK = Pattern.compile("Unable to create '([^']+\\.lock)': File exists");
  /** The new packed-refs file git writes under packed-refs.lock; a killed rewrite leaves it, and every later one fails. */
  private static final Pattern PACKED_NEW = Pattern.compile("unable to create file (.+/packed-refs\\.new): File exists");

  private StaleRefLocks() {}

  /** Runs {@code command}; when it failed on a ref lock, waits it out ({@link LockWait#clear(Path)}) and runs it again. */
  static Exec.Result retrying(LockWait locks, Supplier<Exec.Result> command) {
    return retrying(locks, command, List::of);
  }

  /**
   * As {@link #retrying(LockWait, Supplier)}, and when git's message names no lock, looks for one of
   * {@code suspects} (the locks the command would take) still there.
   */
  static Exec.Result retrying(LockWait locks, Supplier<Exec.Result> command, Supplier<List<Path>> suspects) {
    Exec.Result r = command.get();
    // a killed git may leave more than one lock (the ref's and packed-refs'): one at a time
    for (int attempt = 0; attempt < 3 && !r.ok(); attempt++) {
      Path lock = staleLock(r, suspects);
      if (lock == null) {
        return r;
      }
      locks.clear(lock);
      r = command.get();
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
}
