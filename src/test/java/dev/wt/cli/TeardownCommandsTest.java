package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [teardown] commands}: run by down and teardown before anything is removed, once approved. */
class TeardownCommandsTest {

  private static final Map<String, String> TRUSTED = Map.of("WT_TRUST", "1");

  @TempDir Path tmp;
  GitRepo repo;
  Path log;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "shop");
    log = tmp.resolve("teardown.log");
    // a set-up command made something outside the worktree (an agent's memory folder); teardown undoes it
    repo.write("wt.toml", """
        [setup]
        commands = ["mkdir -p \\"$WT_MAIN_PATH/../memory/$WT_SLUG\\""]
        [teardown]
        commands = [
          "rm -r \\"$WT_MAIN_PATH/../memory/$WT_SLUG\\"",
          "test -f .env.development.local && echo \\"$WT_SLUG env still there in $(pwd)\\" >> %s",
        ]
        """.formatted(log)).commitAll("teardown commands");
  }

  @Test
  void down_runs_them_in_the_worktree_before_removing_it() throws Exception {
    WtRun.in(repo.root(), TRUSTED, "up", "feat/agent").ok();
    String slug = WorktreeIdentity.derive("feat/agent").slug();
    Path memory = tmp.resolve("memory/" + slug);
    assertTrue(Files.isDirectory(memory));
    Path wt = tmp.resolve("shop-agent").toRealPath();
    WtRun down = WtRun.in(repo.root(), TRUSTED, "down", "feat/agent").ok();
    assertFalse(Files.exists(memory), down.err());
    assertEquals(slug + " env still there in " + wt, Files.readString(log).strip());
    assertTrue(down.err().contains("teardown command ran"), down.err());
  }

  @Test
  void teardown_runs_them_too_and_unapproved_ones_are_skipped_without_blocking_down() throws Exception {
    WtRun.in(repo.root(), TRUSTED, "up", "feat/one").ok();
    WtRun.in(tmp.resolve("shop-one"), TRUSTED, "teardown").ok();
    assertTrue(Files.readString(log).contains(WorktreeIdentity.derive("feat/one").slug()));

    WtRun.in(repo.root(), TRUSTED, "up", "feat/two").ok();
    WtRun down = WtRun.in(repo.root(), Map.of("WT_TRUST", "0"), "down", "feat/two").ok();
    assertTrue(down.err().contains("teardown command not run"), down.err());
    assertFalse(Files.exists(tmp.resolve("shop-two")), "the worktree went anyway");
    assertTrue(Files.isDirectory(tmp.resolve("memory/" + WorktreeIdentity.derive("feat/two").slug())),
        "an unapproved command did not run");
  }
}
