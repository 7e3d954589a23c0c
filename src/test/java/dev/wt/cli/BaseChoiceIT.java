package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt -v} says which base a command used and why, a dangling {@code origin/HEAD} included. */
class BaseChoiceIT {

  @TempDir Path tmp;

  private String verbose(Path dir, String... args) throws Exception {
    Path log = tmp.resolve("wt.log");
    String[] all = new String[args.length + 1];
    all[0] = "-v";
    System.arraycopy(args, 0, all, 1, args.length);
    Process p = WtBinary.start(dir, log, Map.of(), all);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void a_dangling_origin_head_falls_back_to_main_and_wt_v_says_so() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    // the remote's default branch was deleted there and pruned here
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/gone");

    String out = verbose(repo.root(), "list");

    assertTrue(out.contains("base main: origin/HEAD is missing or names a branch that does not exist; a local main "
        + "exists"), out);
  }

  @Test
  void a_live_origin_head_is_the_base_and_wt_v_says_so() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    repo.git("update-ref", "refs/remotes/origin/trunk", "HEAD");
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");

    String out = verbose(repo.root(), "list");

    assertTrue(out.contains("base origin/trunk: the remote's default branch (origin/HEAD points at it)"), out);
  }
}
