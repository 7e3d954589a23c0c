package dev.wt.adapter.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A new private file beside the one an atomic write replaces. {@code Files.createTempFile} names
 * it with {@code SecureRandom}, whose first use initialises the JDK's security providers: 10-30 ms
 * of every command that saves a state record. Uniqueness needs no randomness here: the process id,
 * the thread, the clock, and {@code CREATE_NEW} to settle the rest.
 */
final class TempFiles {

  private TempFiles() {}

  /** Creates {@code dir/prefix<unique>suffix}, readable and writable by the owner only where the file system has modes. */
  static Path create(Path dir, String prefix, String suffix) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    String base = prefix + ProcessHandle.current().pid() + "-" + System.identityHashCode(Thread.currentThread()) + "-";
    for (int attempt = 0; ; attempt++) {
      Path p = dir.resolve(base + Long.toHexString(System.nanoTime()) + "-" + attempt + suffix);
      try {
        return posix ? Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }
}
