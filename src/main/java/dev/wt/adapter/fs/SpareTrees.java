package dev.wt.adapter.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether a removed worktree's folder may become a new worktree by a checkout over it. Git leaves
 * alone what it never lists (an entry named {@code .git}, a FIFO or socket), keeps a file whose
 * stat data matches even when another name links to it, and cannot write into a folder made
 * read-only: a folder holding any of these is not reused. (The attributes its files were written
 * with are the caller's to compare.)
 */
final class SpareTrees {

  private SpareTrees() {}

  /** Whether the folder {@code tree} (its own top-level {@code .git} file aside) holds none of the above. */
  static boolean plain(Path tree) {
    if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
      return false; // a link planted in its place would lead the files' moves elsewhere
    }
    boolean[] plain = {true};
    try {
      Files.walkFileTree(tree, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(tree) && dir.getFileName().toString().equals(".git") || !Files.isWritable(dir)) {
            return stop();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String name = file.getFileName().toString();
          if (name.equals(".git") && !file.getParent().equals(tree) || attrs.isOther()
              || attrs.isRegularFile() && ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() != 1) {
            return stop();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return stop();
        }

        private FileVisitResult stop() {
          plain[0] = false;
          return FileVisitResult.TERMINATE;
        }
      });
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
    return plain[0];
  }
}
