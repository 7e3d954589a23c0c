package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many git processes a plain {@code wt up} starts, counted by a git on PATH that logs each
 * call: one pass of reads per command. A change that adds a git call fails here; lower the number
 * when one goes.
 */
class GitProcessCountIT {

  /** rev-parse and worktree list (locate); for-each-ref of origin/HEAD, main and master (the base);
   * for-each-ref (the branch's refs), the start point, worktree add; check-ignore of the env file. */
  private static final int PLAIN_UP = 7;

  /** rev-parse, worktree list, for-each-ref (as up); status, the branch, the base, merge-base, the
   * worktree's own refs, the commits they hold; ignored files, the spare's listing; the branch's tip, branch -D. */
  private static final int PLAIN_DOWN = 13;

  @TempDir Path tmp;

  @Test
  void a_plain_wt_up_starts_a_pinned_number_of_git_processes() throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("r"), "demo");
    String realGit = realGit();
    Path log = tmp.resolve("git.log");
    Path shim = Files.createDirectories(tmp.resolve("shim")).resolve("git");
    Files.writeString(shim, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexec '" + realGit + "' \"$@\"\n");
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("PATH", shim.getParent() + ":" + System.getenv("PATH"), "WT_TRUST", "1");

    Process up = WtBinary.start(repo.root(), tmp.resolve("up.log"), env, "up", "feat/x");
    assertTrue(up.waitFor(120, TimeUnit.SECONDS), "wt up did not end");
    assertEquals(0, up.exitValue(), Files.readString(tmp.resolve("up.log")));

    // only this repository's: the launcher may warm its archive up in a repository of its own
    String mine = repo.root().getParent().toRealPath().toString();
    List<String> calls = Files.readAllLines(log).stream().filter(l -> l.contains(mine)).toList();
    assertFalse(calls.isEmpty(), "the shim saw no git call: " + Files.readAllLines(log));
    assertEquals(PLAIN_UP, calls.size(), String.join("\n", calls));

    Files.delete(log);
    Process down = WtBinary.start(repo.root(), tmp.resolve("down.log"), env, "down", "feat/x");
    assertTrue(down.waitFor(120, TimeUnit.SECONDS), "wt down did not end");
    assertEquals(0, down.exitValue(), Files.readString(tmp.resolve("down.log")));
    List<String> downCalls = Files.readAllLines(log).stream().filter(l -> l.contains(mine)).toList();
    assertEquals(PLAIN_DOWN, downCalls.size(), String.join("\n", downCalls));
  }

  private static String realGit() {
    for (String dir : System.getenv("PATH").split(":")) {
      Path git = Path.of(dir, "git");
      if (Files.isExecutable(git)) {
        return git.toString();
      }
    }
    throw new IllegalStateException("no git on PATH");
  }
}
