package dev.wt.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Skips the calling test, saying what is missing, when this machine lacks a tool it needs. */
public final class Needs {

  private Needs() {}

  /** Linux's /proc, which {@link Procs#alive} and wt's process table read. */
  public static void proc() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here (Linux only)");
  }

  /** setsid(1), which starts a program in a new session and process group. */
  public static void setsid() {
    Assumptions.assumeTrue(onPath("setsid"), "no setsid here (util-linux)");
  }

  /** Debian's /usr/bin/python3, which some test commands run. */
  public static void python3() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
        "no /usr/bin/python3 here (apt-get install python3; .ci/run does)");
  }

  /** The sqlite3 program, which wt reads SQLite migration tables with and tests make databases with. */
  public static void sqlite3() {
    Assumptions.assumeTrue(onPath("sqlite3"), "no sqlite3 here (apt-get install sqlite3)");
  }

  /**
   * Skips the calling test when {@code present} is false, with {@code why} as the reason; with
   * {@code CI=true} it fails instead: .ci/run installs every tool, so a missing one there is a fault.
   */
  public static void tool(boolean present, String why) {
    if (!present && "true".equals(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: .ci/run installs it, so this fails instead of skipping)");
    }
    Assumptions.assumeTrue(present, why);
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
