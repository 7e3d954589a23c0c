package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code wt up BRANCH}, {@code wt down NAME} and {@code wt env} really skip picocli in the
 * packaged binary: picocli's model of a command is never built (what they print is StartupPathsTest's).
 * A few of its interfaces load with Cli and Wiring, which name them.
 */
class QuickPathsIT {

  @TempDir Path tmp;

  /** Runs wt's main class from the packaged binary with a class-load log; returns the classes loaded. */
  private String loaded(Path dir, String... args) throws Exception {
    Path log = tmp.resolve("classes.log");
    Files.deleteIfExists(log);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + log, "-cp", WtBinary.path().toString(), "dev.wt.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("out.log").toFile());
    pb.environment().putAll(TestHome.env());
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("out.log")));
    return Files.readString(log);
  }

  /** The class every picocli model of a command is made of. */
  private static final String MODEL = "picocli.CommandLine$Model$CommandSpec ";

  @Test
  void plain_up_down_and_env_build_no_picocli_model_and_an_option_does() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    assertFalse(loaded(repo.root(), "up", "feat/q").contains(MODEL), "up took picocli's path");
    assertFalse(loaded(tmp.resolve("demo-q"), "env").contains(MODEL), "env took picocli's path");
    assertFalse(loaded(repo.root(), "down", "feat/q").contains(MODEL), "down took picocli's path");
    assertTrue(loaded(repo.root(), "up", "--no-setup", "feat/r").contains(MODEL), "an option is picocli's");
  }
}
