package dev.wt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.WtBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/wt} run as a subprocess the way hooks run it: from {@code /bin/sh}
 * with {@code env -i}, so nothing of the developer's environment helps it.
 */
class WtBinaryIT {

  @TempDir Path tmp;
  Path wt;
  Path home;

  @BeforeEach
  void binary() throws IOException {
    String binary = System.getProperty("wt.binary");
    assertTrue(binary != null, "failsafe passes -Dwt.binary=target/wt");
    wt = Path.of(binary).toAbsolutePath();
    assertTrue(Files.isExecutable(wt), wt + " is built and executable");
    home = Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void up_list_down_and_version_work_from_sh_with_a_minimal_environment() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    Path worktree = tmp.resolve("demo-x");

    Run version = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" --version");
    assertEquals(0, version.code, version.toString());
    assertEquals("wt " + WtBinary.version() + "\n", version.out, "stdout carries the version and nothing else\n" + version);

    Run up = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" up feat/x");
    assertEquals(0, up.code, up.toString());
    assertTrue(up.out.startsWith("ready: " + worktree.toRealPath() + " (x_d6e256)"), up.toString());
    assertTrue(Files.isRegularFile(worktree.resolve(".env.development.local")));

    Run list = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" list");
    assertEquals(0, list.code, list.toString());
    assertTrue(list.out.lines().anyMatch(l -> l.startsWith("feat/x") && l.contains("x_d6e256")), list.toString());

    Run down = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" down feat/x");
    assertEquals(0, down.code, down.toString());
    assertFalse(Files.exists(worktree));
    assertFalse(repo.hasBranch("feat/x"));

    Run refused = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" down feat/x");
    assertEquals(1, refused.code, "exit codes reach the shell\n" + refused);
    assertTrue(refused.err.startsWith("wt: no worktree for 'feat/x'\nhint: "), refused.toString());

    // the class-data-sharing archive is built in the background on first use; with it in place
    // stdout must stay just as clean
    Path archive = awaitArchive();
    Run again = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home), "\"$0\" --version");
    assertEquals("wt " + WtBinary.version() + "\n", again.out, "with " + archive + "\n" + again);
    assertEquals("", again.err, again.toString());
  }

  @Test
  void two_wt_files_keep_their_own_archives_even_from_a_hook_path_without_coreutils() throws Exception {
    Needs.setsid();
    Path copy = tmp.resolve("other/wt");
    Files.createDirectories(copy.getParent());
    Files.copy(wt, copy);
    String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
    Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    List<String> hookEnv = List.of("PATH=" + emptyBin, "HOME=" + home, "WT_JAVA_HOME=" + javaHome, "WT_JAVA_SCAN=0");
    // a hook runner that kills its whole process group as soon as the command returns
    Run first = sh(tmp, hookEnv, "/usr/bin/setsid -w /bin/sh -c '\"$0\" --version; kill -9 0' \"$0\"");
    assertEquals("wt " + WtBinary.version() + "\n", first.out, first.toString());
    assertFalse(first.err.contains("not found"), "no 'not found' from missing coreutils\n" + first);
    awaitArchive();
    Run second = sh(tmp, hookEnv, "'" + copy + "' --version");
    assertEquals("", second.err, second.toString());
    awaitArchive();
    try (Stream<Path> s = Files.list(home.resolve(".cache/wt"))) {
      List<String> archives = s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jsa")).sorted().toList();
      assertEquals(4, archives.size(), "each file keeps its own archives (the full one and the light one for env "
          + "and --version); building one removes no other: " + archives);
      assertEquals(2, archives.stream().filter(f -> f.endsWith(".light.jsa")).count(), archives.toString());
    }
  }

  @Test
  void it_runs_found_on_path_by_name_and_without_home() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("wt"), wt);
    Run byName = sh(tmp, List.of("PATH=" + bin + ":/usr/bin:/bin", "HOME=" + home, "WT_CDS=0"), "wt --version");
    assertEquals(0, byName.code, byName.toString());
    assertEquals("wt " + WtBinary.version() + "\n", byName.out, byName.toString());
    Run noHome = sh(tmp, List.of("PATH=" + bin + ":/usr/bin:/bin"), "wt --version");
    assertEquals(0, noHome.code, noHome.toString());
    assertEquals("wt " + WtBinary.version() + "\n", noHome.out, noHome.toString());
  }

  @Test
  void verbose_logs_go_to_stderr_and_stdout_stays_data() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    Run r = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home, "WT_CDS=0"), "\"$0\" -v list --json");
    assertEquals(0, r.code, r.toString());
    assertTrue(r.err.contains("wt[DEBUG]"), "debug logs on stderr\n" + r);
    assertTrue(r.out.startsWith("{") && r.out.strip().endsWith("}"), "only JSON on stdout\n" + r);
    Run quiet = sh(repo.root(), List.of("PATH=/usr/bin:/bin", "HOME=" + home, "WT_CDS=0"), "\"$0\" list");
    assertEquals("", quiet.err, "no logs without -v\n" + quiet);
  }

  @Test
  void without_java_the_launcher_says_so_and_exits_3() throws Exception {
    Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    Run r = sh(tmp, List.of("PATH=" + emptyBin, "HOME=" + home, "WT_JAVA_HOME=" + tmp.resolve("nowhere"),
        "WT_JAVA_SCAN=0"), "\"$0\" --version");
    assertEquals(3, r.code, r.toString());
    assertEquals("", r.out);
    List<String> lines = r.err.lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("wt: no Java 17 or newer found (looked at WT_JAVA_HOME, JAVA_HOME, PATH"),
        r.toString());
    assertTrue(lines.get(1).startsWith("hint: install a JDK >= 17"), r.toString());
  }

  @Test
  void a_java_that_is_too_old_is_named_in_the_error() throws Exception {
    Path old = tmp.resolve("jdk-11");
    Files.createDirectories(old.resolve("bin"));
    Files.writeString(old.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
    Path java = old.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'should not run' >&2\nexit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    Run r = sh(tmp, List.of("PATH=" + emptyBin, "HOME=" + home, "JAVA_HOME=" + old, "WT_JAVA_SCAN=0"),
        "\"$0\" --version");
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("too old: " + old + " (Java 11)"), r.toString());
  }

  @Test
  void wt_java_home_is_enough_when_path_has_no_java() throws Exception {
    Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
    Run r = sh(tmp, List.of("PATH=" + emptyBin + ":/usr/bin:/bin", "HOME=" + home, "WT_JAVA_HOME=" + javaHome,
        "WT_JAVA_SCAN=0", "WT_CDS=0"), "\"$0\" --version");
    assertEquals(0, r.code, r.toString());
    assertEquals("wt " + WtBinary.version() + "\n", r.out, r.toString());
  }

  /** Runs {@code script} under {@code env -i <env> /bin/sh -c script wt} in {@code dir}. */
  private Run sh(Path dir, List<String> env, String script) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i"));
    cmd.addAll(env);
    if (env.stream().noneMatch(e -> e.startsWith("WT_PG_HOME="))) {
      // as root wt keeps clusters in /var/lib/wt, which the suite must leave alone
      cmd.add("WT_PG_HOME=" + dev.wt.testing.TestHome.env().get("WT_PG_HOME"));
    }
    cmd.addAll(List.of("/bin/sh", "-c", script, wt.toString()));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
    p.getOutputStream().close();
    var err = new java.io.ByteArrayOutputStream();
    Thread t = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException e) {
        // the process is gone; what was read is all there is
      }
    });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "wt finished: " + script);
    t.join(5_000);
    return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
  }

  /** Waits for the background archive build to finish (so the temp HOME can be deleted). */
  private Path awaitArchive() throws Exception {
    Path cache = home.resolve(".cache/wt");
    Path archive = Poll.first(Duration.ofSeconds(90), () -> {
      if (!Files.isDirectory(cache)) {
        return null;
      }
      try (Stream<Path> s = Files.list(cache)) {
        List<Path> files = s.toList();
        boolean building = files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
        return building ? null
            : files.stream().filter(f -> f.getFileName().toString().matches(".*\\.(jsa|aot)")).findFirst().orElse(null);
      }
    });
    if (archive == null) {
      throw new AssertionError("no class-data-sharing archive in " + cache + " after 90 s");
    }
    return archive;
  }

  private record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }
}
