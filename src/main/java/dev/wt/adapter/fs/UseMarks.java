package dev.wt.adapter.fs;

import dev.wt.core.WtException;
import dev.wt.port.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The marks of the commands using something (the embedded cluster), in one folder: a file per
 * command, named after its process and locked by it while the mark lives. The operating system
 * drops the lock when the process dies, so a mark a killed command left is seen as stale and goes.
 */
final class UseMarks {

  /**
   * The marks this process holds. Its PID in a mark's name proves nothing: a killed command's
   * mark keeps it, and a later process may get the same PID.
   */
  private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private UseMarks() {}

  /** Puts a mark into {@code folder}: made aside and locked first, so nobody sees it unlocked. */
  static StateStore.Use take(Path folder) {
    try {
      Files.createDirectories(folder);
      Path aside = TempFiles.create(folder, ".", ".mark"); // .<pid>-<...>.mark
      FileChannel ch = FileChannel.open(aside, StandardOpenOption.WRITE);
      try {
        ch.lock();
        Path mark = folder.resolve(aside.getFileName().toString().substring(1));
        HELD.add(mark.toAbsolutePath());
        try {
          Files.move(aside, mark, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
          HELD.remove(mark.toAbsolutePath());
          throw e;
        }
        return new Held(mark, ch);
      } catch (IOException | RuntimeException e) {
        ch.close();
        Files.deleteIfExists(aside);
        throw e;
      }
    } catch (IOException e) {
      throw WtException.environment("cannot write a mark in " + folder + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  /**
   * Whether a mark other than {@code own} is in {@code folder}. One this process holds (another
   * command run in it) counts without being opened: closing a second channel of a file drops the
   * process's lock on it. Any other counts while its process holds its lock; one nobody holds is
   * stale and goes, also when a killed process with this process's PID left it.
   */
  static boolean othersIn(Path folder, StateStore.Use own) {
    Path mine = own instanceof Held h ? h.file() : null;
    try (DirectoryStream<Path> marks = Files.newDirectoryStream(folder, "[!.]*.mark")) {
      for (Path mark : marks) {
        if (mark.equals(mine)) {
          continue;
        }
        if (HELD.contains(mark.toAbsolutePath()) || held(mark)) {
          return true;
        }
      }
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return true; // unreadable: someone may be using it
    }
    return false;
  }

  /** Whether a live process holds {@code mark}; deletes it when none does. */
  private static boolean held(Path mark) throws IOException {
    try (FileChannel ch = FileChannel.open(mark, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      Files.deleteIfExists(mark); // its process ended without taking it away (killed)
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (NoSuchFileException e) {
      return false; // taken away meanwhile
    }
  }

  /** A mark this process holds: deleted, then unlocked, when closed. */
  private record Held(Path file, FileChannel channel) implements StateStore.Use {
    @Override
    public void close() {
      try {
        Files.deleteIfExists(file);
        HELD.remove(file.toAbsolutePath());
        channel.close();
      } catch (IOException e) {
        // the lock goes with the process anyway; a file left unlocked is stale for the next reader
      }
    }
  }
}
