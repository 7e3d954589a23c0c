package dev.wt.adapter.fs;

import dev.wt.core.ExitCode;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An exclusive lock on a file, across processes (and threads of one JVM), waited for by polling.
 * The operating system releases it when its holder dies, so a crash never leaves it stuck.
 *
 * <p>The holder writes its pid and command into the file, so a waiter can say what it waits for.
 * Everything goes through the locked channel: POSIX drops a process's lock when it closes any other
 * descriptor of the same file. A holder may retire the file when it is no longer needed: it
 * deletes it and writes {@value #RETIRED} into it, so that a waiter that locks the deleted file
 * afterwards sees that and opens the path again, instead of holding a lock nobody else can see.
 *
 * @param file the lock file, created when missing
 * @param maxWait how long to wait for another holder before giving up
 * @param busy what the error says when the wait runs out
 * @param waiting told once, after {@link #PATIENCE}, which process holds the lock
 */
record LockFile(Path file, Duration maxWait, String busy, Consumer<String> waiting) {

  private static final String RETIRED = "retired";
  static final Duration PATIENCE = Duration.ofSeconds(1);

  /** Runs {@code action} holding the lock; {@code onWait} runs once as soon as another holder makes it wait. */
  <T> T hold(Runnable onWait, Supplier<T> action) {
    return hold(onWait, action, () -> false);
  }

  /** {@link #hold(Runnable, Supplier)}, then deletes the file when {@code retire} says it is no longer needed. */
  <T> T hold(Runnable onWait, Supplier<T> action, BooleanSupplier retire) {
    try {
      Files.createDirectories(file.getParent());
      while (true) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
            FileLock lock = acquire(ch, onWait)) {
          if (RETIRED.equals(read(ch))) {
            continue; // retired by the holder before us: lock the file now at that path
          }
          writeHolder(ch);
          try {
            return action.get();
          } finally {
            retireIf(retire, ch);
          }
        }
      }
    } catch (IOException e) {
      throw new WtException(ExitCode.ENVIRONMENT, "cannot lock " + file + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  /**
   * Runs {@code action} holding the lock if no one else holds it, without waiting; empty when
   * another holder has it. Retires the file afterwards like {@link #hold(Runnable, Supplier, BooleanSupplier)}.
   */
  <T> java.util.Optional<T> tryHold(Supplier<T> action, BooleanSupplier retire) {
    try {
      Files.createDirectories(file.getParent());
      while (true) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
            FileLock lock = tryAcquire(ch)) {
          if (lock == null) {
            return java.util.Optional.empty();
          }
          if (RETIRED.equals(read(ch))) {
            continue;
          }
          writeHolder(ch);
          try {
            return java.util.Optional.of(action.get());
          } finally {
            retireIf(retire, ch);
          }
        }
      }
    } catch (IOException e) {
      throw new WtException(ExitCode.ENVIRONMENT, "cannot lock " + file + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  private static FileLock tryAcquire(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // another thread of this JVM holds it
    }
  }

  private FileLock acquire(FileChannel ch, Runnable onWait) throws IOException {
    long started = System.nanoTime();
    long deadline = started + maxWait.toNanos();
    boolean ran = false;
    boolean told = false;
    while (true) {
      try {
        FileLock lock = ch.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // another thread of this JVM holds it: wait like any other process would
      }
      if (!ran) {
        onWait.run();
        ran = true;
      }
      if (!told && System.nanoTime() - started > PATIENCE.toNanos()) {
        told = true;
        waiting.accept("waiting for wt's lock " + file + ", held by " + holder(ch));
      }
      if (System.nanoTime() - deadline > 0) {
        throw WtException.environment(busy + " (" + holder(ch) + ")",
            "wait for it to finish; if none runs, the lock is released automatically");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WtException.internal("interrupted while waiting for " + file, e);
      }
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    int n = ch.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
  }

  /** Who holds the lock, from what the holder wrote (read through the waiter's own channel). */
  private static String holder(FileChannel ch) {
    try {
      String text = read(ch);
      int space = text.indexOf(' ');
      return text.isEmpty() || text.equals(RETIRED) ? "another wt command"
          : space < 0 ? "pid " + text : "pid " + text.substring(0, space) + " (" + text.substring(space + 1) + ")";
    } catch (IOException e) {
      return "another wt command";
    }
  }

  private static void writeHolder(FileChannel ch) {
    try {
      ProcessHandle self = ProcessHandle.current();
      byte[] text = (self.pid() + " " + holderCommand(self.info().commandLine().orElse("wt")) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      ByteBuffer now = ByteBuffer.allocate(text.length + 1);
      if (ch.read(now, 0) == text.length && java.util.Arrays.equals(text, java.util.Arrays.copyOf(now.array(), text.length))) {
        return; // the same process again: leave the file (and its mtime) alone
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(text), 0);
    } catch (IOException e) {
      // only the waiting message loses its detail
    }
  }

  /**
   * {@code java ... -cp /path/wt dev.wt.Main up feat/x} (how the launcher starts wt) or
   * {@code java ... -jar /path/wt up feat/x} as the user typed it: {@code wt up feat/x}.
   */
  static String holderCommand(String commandLine) {
    String main = " dev.wt.Main";
    int at = commandLine.indexOf(main + " ");
    if (at >= 0 || commandLine.endsWith(main)) {
      return "wt" + (at < 0 ? "" : commandLine.substring(at + main.length()));
    }
    int jar = commandLine.indexOf(" -jar ");
    if (jar < 0) {
      return commandLine;
    }
    String rest = commandLine.substring(jar + " -jar ".length()).strip();
    int space = rest.indexOf(' ');
    return "wt" + (space < 0 ? "" : rest.substring(space));
  }

  /** When asked, takes the file away from its path and marks the open one retired for whoever waits on it. */
  private void retireIf(java.util.function.BooleanSupplier retire, FileChannel ch) throws IOException {
    if (retire.getAsBoolean()) {
      // deleted first: a crash between the two steps must not leave a retired file at the path
      Files.deleteIfExists(file);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(RETIRED.getBytes(StandardCharsets.US_ASCII)), 0);
    }
  }
}
