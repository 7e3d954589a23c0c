package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt up --fetch} and {@code [git] fetch = true}: a new branch starts at the remote's latest base. */
class UpFetchTest {

  @TempDir Path tmp;
  GitRepo upstream;
  Path origin;
  GitRepo clone;

  @BeforeEach
  void originAheadOfTheClonesLastFetch() {
    upstream = GitRepo.create(tmp, "upstream");
    origin = GitRepo.bareOrigin(tmp, "origin.git", upstream);
    clone = GitRepo.cloneOf(origin, tmp, "shop");
    upstream.write("NEW.md", "pushed after the clone fetched\n").commitAll("newer work on main");
    upstream.git("push", "-q", origin.toString(), "main");
  }

  @Test
  void up_without_fetch_starts_at_the_stale_base_and_with_fetch_at_the_remotes_latest() {
    String latest = upstream.commit("main");
    String stale = clone.commit("origin/main");
    WtRun.in(clone.root(), "up", "feat/old").ok();
    assertEquals(stale, GitRepo.gitIn(tmp.resolve("shop-old"), "rev-parse", "HEAD").strip());

    WtRun up = WtRun.in(clone.root(), "up", "--fetch", "feat/new").ok();
    assertTrue(up.err().contains("fetched origin/main (updated)"), up.err());
    assertEquals(latest, GitRepo.gitIn(tmp.resolve("shop-new"), "rev-parse", "HEAD").strip());
  }

  @Test
  void git_fetch_true_in_the_config_fetches_for_every_new_branch() {
    clone.write("wt.local.toml", "[git]\nfetch = true\n");
    clone.write(".gitignore", "wt.local.toml\n").commitAll("ignore local config");
    WtRun.in(clone.root(), "up", "feat/cfg").ok();
    assertEquals(upstream.commit("main"), GitRepo.gitIn(tmp.resolve("shop-cfg"), "rev-parse", "HEAD").strip());
  }

  @Test
  void a_local_base_is_not_moved_and_the_user_is_told_why() {
    WtRun up = WtRun.in(clone.root(), "up", "--fetch", "--base", "main", "feat/local").ok();
    assertTrue(up.err().contains("not a remote-tracking branch"), up.err());
  }
}
