package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [git] worktree_identity = true} pins the identity even when it lives in the shared .git/config. */
class GitIdentityPinTest {

  @TempDir Path tmp;

  @Test
  void the_identity_in_the_shared_config_is_pinned_so_a_later_change_in_main_does_not_reach_the_worktree() {
    GitRepo repo = GitRepo.create(tmp, "shop"); // user.name Dev in .git/config, shared by every worktree
    repo.write("wt.toml", "[git]\nworktree_identity = true\n").commitAll("pin identity");
    WtRun up = WtRun.in(repo.root(), "up", "feat/pin").ok();
    assertTrue(up.err().contains("git user.name: set to Dev"), up.err());
    Path wt = tmp.resolve("shop-pin");
    assertEquals("Dev", GitRepo.gitIn(wt, "config", "--worktree", "user.name").strip());

    repo.git("config", "user.name", "Somebody Else");
    repo.git("config", "user.email", "else@example.com");
    GitRepo.gitIn(wt, "commit", "-q", "--allow-empty", "-m", "work in the worktree");
    assertEquals("Dev <dev@example.com>", GitRepo.gitIn(wt, "log", "-1", "--format=%an <%ae>").strip());

    WtRun again = WtRun.in(wt, "setup").ok();
    assertTrue(again.out().startsWith("already set up, nothing changed"), again.out() + again.err());
    WtRun.in(repo.root(), "down", "--force", "feat/pin").ok();
  }
}
