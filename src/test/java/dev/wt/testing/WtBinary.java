package dev.wt.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged {@code target/wt}, run as a real process (for signals, servers, parallel runs). */
public final class WtBinary {

  private WtBinary() {}

  /** The version the build stamped into the binary (failsafe passes {@code wt.version}). */
  public static String version() {
    String v = System.getProperty("wt.version");
    assertTrue(v != null && !v.isBlank(), "failsafe passes -Dwt.version=${project.version}");
    return v;
  }

  /** The binary failsafe names in {@code wt.binary}. */
  public static Path path() {
    String p = System.getProperty("wt.binary", "target/wt");
    Path bin = Path.of(p).toAbsolutePath();
    assertTrue(Files.isExecutable(bin), "no wt binary at " + bin + " (run mvn package first)");
    return bin;
  }

  /** Starts {@code wt args...} in {@code dir} with its output going to {@code log}, {@link TestHome} under {@code env}. */
  public static Process start(Path dir, Path log, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(path().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(TestHome.env());
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
