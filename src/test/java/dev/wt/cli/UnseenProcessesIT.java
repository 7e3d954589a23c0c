package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wt.testing.Checks;
import dev.wt.testing.Needs;
import dev.wt.testing.Procs;
import dev.wt.testing.WtBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wt run by an unprivileged user next to a root process in its worktree: it may not read that
 * process's folder, and says so instead of "nothing running". Needs root to make the user.
 */
class UnseenProcessesIT {

  private static final String USER = "wt-it-unseen";

  private final Procs procs = new Procs();
  private Path base;
  private Path bin;

  @BeforeEach
  void unprivilegedUser() throws Exception {
    Needs.proc();
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
        "assumption: the tests run as root, which can make a user and run wt as it");
    if (run(null, "id", "-u", USER).exit != 0) {
      assertEquals(0, run(null, "useradd", "--no-create-home", "--shell", "/bin/sh", USER).exit);
    }
    // a folder the user owns, reachable from / (a JUnit @TempDir is private to root)
    base = Files.createTempDirectory(Path.of("/tmp"), "wt-unseen-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    bin = Files.copy(WtBinary.path(), base.resolve("wt"));
    Files.createDirectories(base.resolve("home"));
    assertEquals(0, run(null, "chown", "-R", USER, base.toString()).exit);
  }

  @AfterEach
  void cleanup() {
    procs.close();
    if (base != null) {
      Checks.deleteRecursively(base);
    }
  }

  @Test
  void stop_and_down_say_that_another_users_process_may_still_use_the_worktree() throws Exception {
    Path repo = base.resolve("app");
    asUser(base, "git", "init", "-q", "-b", "main", repo.toString()).ok();
    Files.writeString(repo.resolve("wt.toml"), "[ports]\nrange = [43100, 43999]\n[databases.local]\nengine = \"sqlite\"\n");
    assertEquals(0, run(null, "chown", USER, repo.resolve("wt.toml").toString()).exit);
    asUser(repo, "git", "add", "-A").ok();
    asUser(repo, "git", "-c", "user.name=it", "-c", "user.email=it@example.com", "commit", "-q", "-m", "init").ok();
    asUser(repo, bin.toString(), "up", "feat/x").ok();
    Path wt = base.resolve("app-x");

    long rootServer = procs.start(wt, "sleep", "600");
    Result stop = asUser(wt, bin.toString(), "stop").ok();
    assertFalse(stop.out.contains("nothing running"), stop.out);
    assertTrue(stop.out.contains("nothing wt can see runs in " + wt), stop.out);
    assertTrue(stop.out.matches("(?s).*unseen +" + rootServer + "  sleep 600\n.*"), stop.out);
    assertTrue(stop.out.matches("(?s).*(1 process of another user|\\d+ processes of other users) may still use it \\(pids? "
        + "[0-9, ]*\\b" + rootServer + "\\b.*"), stop.out);
    assertTrue(Procs.alive(rootServer), "wt may not signal another user's process");

    Result json = asUser(wt, bin.toString(), "stop", "--json").ok();
    assertTrue(json.out.contains("\"pid\" : " + rootServer + ",") && json.out.contains("\"outcome\" : \"unseen\""),
        json.out);

    // down removes the folder (its files were checked), but not without saying who may still be in it
    Result down = asUser(repo, bin.toString(), "down", "feat/x").ok();
    assertTrue(down.out.contains("may still use it") && down.out.contains(Long.toString(rootServer))
        && down.out.contains("removing " + wt + " anyway"), down.out);
    assertFalse(Files.exists(wt));
  }

  /** Runs a command as the unprivileged user, with a home of its own; stdout and stderr together. */
  private Result asUser(Path dir, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "HOME=" + base.resolve("home"),
        "XDG_STATE_HOME=" + base.resolve("home/.state"), "NO_COLOR=1"));
    cmd.addAll(List.of(command));
    return run(dir, cmd.toArray(String[]::new));
  }

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
    return new Result(p.exitValue(), out, String.join(" ", command));
  }

  private record Result(int exit, String out, String command) {
    Result ok() {
      assertEquals(0, exit, command + "\n" + out);
      return this;
    }
  }
}
