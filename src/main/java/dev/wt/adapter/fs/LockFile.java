package dev.wt.adapter.fs;

import dev.wt.core.ExitCode;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * An exclusive lock on a file, across processes (and threads of one JVM), waited for by polling.
 * The operating system releases it when its holder dies, so a crash never leaves it stuck.
 *
 * <p>A holder may retire the file when it is no longer needed: it deletes it and writes
 * {@value #RETIRED} into it, so that a waiter that locks the deleted file afterwards sees that
 * and opens the path again, instead of holding a lock nobody else can see.
 *
 * @param file the lock file, created when missing
 * @param maxWait how long to wait for another holder before giving up
 * @param busy what the error says when the wait runs out
 */
record LockFile(Path file, Duration maxWait, String busy) {

  private static final String RETIRED = "retired";

  /** Runs {@code action} holding the lock; {@code onWait} runs once when another holder makes it wait. */
  <T> T hold(Runnable onWait, Supplier<T> action) {
    return hold(onWait, action, () -> false);
  }

  /** {@link #hold(Runnable, Supplier)}, then deletes the file when {@code retire} says it is no longer needed. */
  <T> T hold(Runnable onWait, Supplier<T> action, java.util.function.BooleanSupplier retire) {
    try {
      Files.createDirectories(file.getParent());
      while (true) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
            FileLock lock = acquire(ch, onWait)) {
          if (ch.size() > 0) {
            continue; // retired by the holder before us: lock the file now at that path
          }
          try {
            return action.get();
          } finally {
            if (retire.getAsBoolean()) {
              // deleted first: a crash between the two steps must not leave a retired file at the path
              Files.deleteIfExists(file);
              ch.write(java.nio.ByteBuffer.wrap(RETIRED.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new WtException(ExitCode.ENVIRONMENT, "cannot lock " + file + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  private FileLock acquire(FileChannel ch, Runnable onWait) throws IOException {
    long deadline = System.nanoTime() + maxWait.toNanos();
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
      if (!told) {
        onWait.run();
        told = true;
      }
      if (System.nanoTime() - deadline > 0) {
        throw WtException.environment(busy, "wait for it to finish; if none runs, the lock is released automatically");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WtException.internal("interrupted while waiting for " + file, e);
      }
    }
  }
}
