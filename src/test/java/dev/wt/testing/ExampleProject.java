package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One of the mini-projects in examples/, copied into a fresh git repository for a test. */
public final class ExampleProject {

  private ExampleProject() {}

  /** A project name no other test run shares (databases on the shared server carry it). */
  public static String uniqueProject(String stem) {
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    return stem + HexFormat.of().formatHex(b);
  }

  /**
   * A repository at {@code parent/example} holding examples/{@code example} as committed files,
   * its wt.toml's {@code project} replaced by {@code project} so parallel runs never meet.
   */
  public static GitRepo copy(String example, Path parent, String project) {
    return copy(example, parent, project, Map.of());
  }

  /**
   * As {@link #copy(String, Path, String)}, with each key of {@code inToml} replaced by its value in
   * wt.toml (wt runs commands with the test JVM's PATH, which may lead to another interpreter).
   */
  public static GitRepo copy(String example, Path parent, String project, Map<String, String> inToml) {
    Path from = Path.of("examples", example).toAbsolutePath();
    GitRepo repo = GitRepo.create(parent, example);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = from.relativize(f).toString();
        if (rel.startsWith("node_modules") || rel.contains("__pycache__")) {
          continue;
        }
        Path to = repo.path(rel);
        Files.createDirectories(to.getParent());
        Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
      Path toml = repo.path("wt.toml");
      String text = Files.readString(toml);
      String replaced = text.replaceFirst("(?m)^project = \"[^\"]*\"", "project = \"" + project + "\"");
      if (replaced.equals(text)) {
        throw new AssertionError("examples/" + example + "/wt.toml has no project line");
      }
      for (Map.Entry<String, String> r : inToml.entrySet()) {
        if (!replaced.contains(r.getKey())) {
          throw new AssertionError("examples/" + example + "/wt.toml has no " + r.getKey());
        }
        replaced = replaced.replace(r.getKey(), r.getValue());
      }
      Files.writeString(toml, replaced);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return repo.commitAll("example " + example);
  }

  /** Whether {@code cmd} runs and exits 0 (within five minutes): is a tool installed here. */
  public static boolean runs(String... cmd) {
    return run(null, cmd) == 0;
  }

  /** Runs {@code cmd} in {@code dir} and returns its exit code, -1 when it cannot start or hangs. */
  public static int run(Path dir, String... cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Runs {@code cmd} in {@code dir}, failing the test with its output unless it exits 0. */
  public static String check(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + List.of(cmd));
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(List.of(cmd) + " exited " + p.exitValue() + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
