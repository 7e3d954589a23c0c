package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick test of a spare folder (find) and the JVM walk agree on every kind of tree a spare may not be. */
class SpareTreesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"plain", "nested-git-dir", "nested-git-file", "top-git-dir", "attributes", "fifo",
      "hard-link", "read-only-folder", "odd-names", "top-git-file-and-link", "other-owner"})
  void bothWaysAgree(String shape) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.createDirectories(tree.resolve("src/a"));
    Files.writeString(tree.resolve("src/a/one.txt"), "1");
    Files.writeString(tree.resolve("README"), "r");
    boolean expected = switch (shape) {
      case "plain" -> true;
      case "nested-git-dir" -> { Files.createDirectories(tree.resolve("src/a/.git/objects")); yield false; }
      case "nested-git-file" -> { Files.writeString(tree.resolve("src/.git"), "gitdir: /elsewhere"); yield false; }
      case "top-git-dir" -> { Files.createDirectories(tree.resolve(".git")); yield false; }
      // the attributes its files were written with are compared by the caller
      case "attributes" -> { Files.writeString(tree.resolve("src/.gitattributes"), "* text=auto"); yield true; }
      case "fifo" -> { mkfifo(tree.resolve("src/a/pipe")); yield false; }
      case "hard-link" -> { Files.createLink(dir.resolve("outside"), tree.resolve("src/a/one.txt")); yield false; }
      case "read-only-folder" -> {
        Files.setPosixFilePermissions(tree.resolve("src/a"), PosixFilePermissions.fromString("r-xr-xr-x"));
        yield false;
      }
      case "odd-names" -> {
        // names find could read as patterns or options must not change the answer
        Files.writeString(tree.resolve("src/[*?]"), "x");
        Files.writeString(tree.resolve("-name"), "x");
        Files.createDirectories(tree.resolve("src/ (.git)"));
        yield true;
      }
      case "top-git-file-and-link" -> {
        Files.writeString(tree.resolve(".git"), "gitdir: /repo/.git/worktrees/x");
        Files.createSymbolicLink(tree.resolve("src/link"), Path.of("/etc"));
        yield true;
      }
      case "other-owner" -> {
        // a folder another user owns (made by sudo, say): git may not write there, whatever root may
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder away");
        Files.setOwner(tree.resolve("src/a"), tree.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        yield false;
      }
      default -> throw new IllegalArgumentException(shape);
    };
    Optional<Boolean> byFind = SpareTrees.byFind(tree);
    assertTrue(byFind.isPresent(), "find runs here");
    assertEquals(expected, byFind.get(), "find: " + shape);
    boolean rootWritesAnyway = shape.equals("read-only-folder") || shape.equals("other-owner");
    if (!rootWritesAnyway || !"root".equals(System.getProperty("user.name"))) {
      assertEquals(expected, SpareTrees.byWalk(tree), "walk: " + shape); // root may write anywhere
    }
    assertEquals(expected, SpareTrees.plain(tree), shape);
    Files.setPosixFilePermissions(tree.resolve("src/a"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing", "link"})
  void aFolderThatIsNotOneIsNotPlain(String shape) throws IOException {
    Path tree = dir.resolve("tree");
    if (shape.equals("link")) {
      Files.createDirectories(dir.resolve("real"));
      Files.createSymbolicLink(tree, dir.resolve("real"));
    }
    assertEquals(false, SpareTrees.plain(tree));
  }

  private static void mkfifo(Path p) throws Exception {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).start();
    assertTrue(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0, "mkfifo");
  }
}
