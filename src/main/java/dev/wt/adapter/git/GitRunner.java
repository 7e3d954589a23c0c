package dev.wt.adapter.git;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one git process the way every part of the git adapter does: its environment, timeouts and errors. */
final class GitRunner {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  static final Duration WRITE_TIMEOUT = Duration.ofMinutes(30);
  private static final Map<String, String> ENV = Map.of(
      "GIT_TERMINAL_PROMPT", "0",
      "GIT_OPTIONAL_LOCKS", "0");

  private GitRunner() {}

  /** {@code git -C dir args}, logged with -v under GitCli's name. */
  static Exec.Result git(Path dir, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    dev.wt.port.DebugLog.of(GitCli.class).debug("run {}", cmd);
    return Exec.run(cmd, null, ENV, timeout);
  }

  /** {@link #git} in a worktree or in a git dir of its own (a submodule's), see {@link #invocation}. */
  static Exec.Result gitIn(Path repo, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(invocation(repo));
    cmd.addAll(List.of(args));
    dev.wt.port.DebugLog.of(GitCli.class).debug("run {}", cmd);
    return Exec.run(cmd, null, ENV, timeout);
  }

  /**
   * {@code git -C dir}, or for a submodule's git dir (which wt reads without its work tree) git
   * told that the git dir is its own work tree: its {@code core.worktree} may name a deleted folder,
   * which git would refuse to enter. A folder with a {@code .git} is a work tree whatever else it
   * holds: a repository may commit a {@code HEAD}, {@code objects/} and {@code refs/} of its own, and
   * read as a git dir those would hide the real refs (and the commits only a worktree has) from wt.
   */
  static List<String> invocation(Path dir) {
    boolean gitDir = !java.nio.file.Files.exists(dir.resolve(".git"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && java.nio.file.Files.isRegularFile(dir.resolve("HEAD"))
        && java.nio.file.Files.isDirectory(dir.resolve("objects"));
    return gitDir ? List.of("git", "--git-dir=" + dir, "--work-tree=" + dir) : List.of("git", "-C", dir.toString());
  }

  /** {@code r}, or a one-line error that git could not do {@code what} when it failed. */
  static Exec.Result check(Exec.Result r, String what) {
    if (!r.ok()) {
      // git's last line, unless it is an empty "error: could not …: " whose reason came on a line before
      List<String> lines = r.stderr().strip().lines().filter(l -> !l.isBlank()).toList();
      String detail = lines.isEmpty() ? "exit code " + r.exitCode() : lines.get(lines.size() - 1);
      if (detail.strip().endsWith(":") && lines.size() > 1) {
        detail = lines.get(lines.size() - 2);
      }
      throw new WtException(dev.wt.core.ExitCode.ENVIRONMENT, "git could not " + what + ": " + detail,
          "run the same git command by hand to see the whole message (wt -v shows it)");
    }
    return r;
  }

  /** {@code p} as the paths wt compares are: real, links resolved. */
  static Path canonical(Path p) {
    return dev.wt.port.RealPaths.of(p);
  }

  /** The non-empty NUL-separated fields of git's stdout. */
  static List<String> nulSeparated(Exec.Result r) {
    List<String> out = new ArrayList<>();
    for (String f : r.stdout().split("\0")) {
      if (!f.isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  /** {@code cmd} (a whole git command line) with {@code input} on its stdin, not logged, as the callers always ran it. */
  static Exec.Result withInput(List<String> cmd, byte[] input) {
    return Exec.run(cmd, null, ENV, READ_TIMEOUT, input);
  }
}
