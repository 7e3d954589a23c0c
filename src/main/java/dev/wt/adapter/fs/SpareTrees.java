package dev.wt.adapter.fs;

import dev.wt.adapter.process.Exec;
import dev.wt.adapter.process.Tools;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a removed worktree's folder may become a new worktree by a checkout over it. Git leaves
 * alone what it never lists (an entry named {@code .git}, a FIFO or socket), keeps a file whose
 * stat data matches even when another name links to it, and cannot write into a folder made
 * read-only: a folder holding any of these is not reused. (The attributes its files were written
 * with are the caller's to compare.)
 */
final class SpareTrees {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private SpareTrees() {}

  /** Whether the folder {@code tree} (its own top-level {@code .git} file aside) holds none of the above. */
  static boolean plain(Path tree) {
    if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
      return false; // a link planted in its place would lead the files' moves elsewhere
    }
    Optional<Boolean> found = byFind(tree);
    return found.isPresent() ? found.get() : byWalk(tree);
  }

  /**
   * The same test by find(1), which walks 10,000 files in ~50 ms where the JVM, reading each
   * file's link count, takes 180-250 ms; empty when find cannot be run or fails (the walk answers
   * then). Relative paths from inside the tree, so no name in it can be read as a pattern. An entry
   * another user owns refuses the folder, as does a folder without its owner's write bit (for root too):
   * find has no portable test of what this user may write.
   */
  static Optional<Boolean> byFind(Path tree) {
    Optional<String> user = ProcessHandle.current().info().user();
    if (user.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = List.of(Tools.find("find"), ".", "(",
        "(", "-name", ".git", "!", "-path", "./.git", ")",
        "-o", "(", "-path", "./.git", "-type", "d", ")",
        "-o", "(", "!", "-type", "f", "!", "-type", "d", "!", "-type", "l", ")",
        "-o", "(", "-type", "f", "-links", "+1", ")",
        "-o", "!", "-user", user.get(),
        "-o", "(", "-type", "d", "!", "-perm", "-u+w", ")",
        ")", "-print", "-quit"); // one group: -print would bind to the last alternative alone
    try {
      Exec.Result r = Exec.run(command, tree, Map.of(), TIMEOUT);
      if (r.stdoutBytes().length > 0) {
        return Optional.of(false);
      }
      return r.ok() && r.stderr().isEmpty() ? Optional.of(true) : Optional.empty();
    } catch (WtException e) {
      return Optional.empty();
    }
  }

  static boolean byWalk(Path tree) {
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
