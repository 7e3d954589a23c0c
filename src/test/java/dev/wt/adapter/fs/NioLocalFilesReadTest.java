package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What wt reads through {@code LocalFiles.read} (a template, a migration folder's files, a config
 * beside the checkout): text when a plain file is there, nothing when there is none to read (a path
 * through a file, a link loop, a FIFO) rather than an I/O error or a hang; and a temp file for an
 * atomic write is private and never the same twice.
 */
class NioLocalFilesReadTest {

  @TempDir Path tmp;

  @Test
  void text_from_a_file_and_nothing_from_what_holds_none() throws Exception {
    NioLocalFiles disk = new NioLocalFiles();
    Path file = Files.writeString(tmp.resolve("a.txt"), "hello");
    Files.createSymbolicLink(tmp.resolve("loop1"), tmp.resolve("loop2"));
    Files.createSymbolicLink(tmp.resolve("loop2"), tmp.resolve("loop1"));
    Path fifo = tmp.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    assertEquals(Optional.of("hello"), disk.read(file));
    assertEquals(Optional.empty(), disk.read(file.resolve("x")), "a path through a file");
    assertEquals(Optional.empty(), disk.read(tmp.resolve("loop1")), "a link loop");
    assertEquals(Optional.empty(), disk.read(tmp.resolve("missing")));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(Optional.empty(), disk.read(fifo)));
  }

  @Test
  void temp_files_are_private_and_distinct() throws Exception {
    Path a = TempFiles.create(tmp, ".x", ".tmp");
    Path b = TempFiles.create(tmp, ".x", ".tmp");
    assertTrue(!a.equals(b) && Files.isRegularFile(a) && Files.isRegularFile(b));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
  }
}
