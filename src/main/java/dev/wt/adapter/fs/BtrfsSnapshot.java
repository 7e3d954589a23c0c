package dev.wt.adapter.fs;

import dev.wt.adapter.process.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Copies a folder that is a Btrfs subvolume as a snapshot: one metadata operation however many
 * files it holds (a 50,000-file {@code node_modules} in 20-50 ms, where a clone per file takes
 * seconds), with every block shared until either side writes.
 */
final class BtrfsSnapshot {

  /** Btrfs gives the root of every subvolume this inode number. */
  private static final long SUBVOLUME_ROOT_INODE = 256;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private BtrfsSnapshot() {}

  /**
   * Snapshots {@code source} to {@code target} (which must not exist) when {@code source} is a
   * subvolume and {@code btrfs} is installed; false when it is not one, or the snapshot failed (another
   * file system, no permission), and the caller copies instead.
   */
  static boolean copy(Path source, Path target) {
    String btrfs = isSubvolume(source) ? tool() : null;
    if (btrfs == null || holdsSubvolume(source)) {
      return false;
    }
    Exec.Result r = Exec.run(List.of(btrfs, "subvolume", "snapshot", source.toAbsolutePath().toString(),
        target.toAbsolutePath().toString()), null, Map.of(), TIMEOUT);
    return r.ok() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
  }

  static boolean isSubvolume(Path dir) {
    try {
      return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && "btrfs".equals(Files.getFileStore(dir).type())
          && Long.valueOf(SUBVOLUME_ROOT_INODE).equals(Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether a subvolume lies below {@code root}: a snapshot leaves it out (an empty folder nobody may
   * write to), so such a folder is copied file by file instead. One stat per entry, a small part of
   * what a copy of them would cost.
   */
  private static boolean holdsSubvolume(Path root) {
    boolean[] found = {false};
    try {
      Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a)
            throws IOException {
          if (!dir.equals(root) && Long.valueOf(SUBVOLUME_ROOT_INODE)
              .equals(Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
            found[0] = true;
            return java.nio.file.FileVisitResult.TERMINATE;
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return true; // not readable throughout: let cp say what it cannot copy
    }
    return found[0];
  }

  private static String tool() {
    for (String candidate : List.of("/usr/bin/btrfs", "/bin/btrfs", "/usr/sbin/btrfs", "/sbin/btrfs",
        "/usr/local/bin/btrfs")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }
}
