package dev.wt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Assertions and helpers the CLI tests share. */
public final class Checks {

  private Checks() {}

  /** A refusal is exactly two lines on stderr: {@code wt: <what>} and {@code hint: <what to do>}. */
  public static void assertRefusal(WtRun r, String message, String hint) {
    List<String> lines = r.err().lines().filter(l -> l.startsWith("wt: ") || l.startsWith("hint: ")).toList();
    assertEquals(2, lines.size(), "one wt: line and one hint: line\n" + r.err());
    assertTrue(lines.get(0).startsWith("wt: ") && lines.get(0).contains(message),
        "expected wt: ..." + message + "\n" + r.err());
    assertTrue(lines.get(1).startsWith("hint: ") && lines.get(1).contains(hint),
        "expected hint: ..." + hint + "\n" + r.err());
  }

  /** stdout of a {@code --json} run, parsed. */
  public static JsonNode json(WtRun r) {
    try {
      return new ObjectMapper().readTree(r.out());
    } catch (IOException e) {
      throw new AssertionError("stdout is not JSON\n" + r.out(), e);
    }
  }

  /** Content and modification time of every file below the given folders (symlinks as their target). */
  public static Map<Path, String> snapshot(Path... roots) {
    Map<Path, String> out = new TreeMap<>();
    try {
      for (Path root : roots) {
        try (Stream<Path> s = Files.walk(root)) {
          for (Path p : s.toList()) {
            if (Files.isSymbolicLink(p)) {
              out.put(p, "-> " + Files.readSymbolicLink(p));
            } else if (Files.isRegularFile(p)) {
              out.put(p, Files.readString(p) + " @" + Files.getLastModifiedTime(p).toMillis());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Deletes a folder the way a user's {@code rm -rf} would. */
  public static void deleteRecursively(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code script} with {@code /bin/sh -c} in {@code dir}; fails unless it exits 0. */
  public static String sh(Path dir, String script) {
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sh finished: " + script);
      assertEquals(0, p.exitValue(), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
