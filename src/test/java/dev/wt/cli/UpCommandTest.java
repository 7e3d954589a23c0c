package dev.wt.cli;

import static dev.wt.testing.Checks.deleteRecursively;
import static dev.wt.testing.Checks.json;
import static dev.wt.testing.Checks.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt up} on real repositories: the three branch sources, its options, and its refusals. */
class UpCommandTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
  }

  @Test
  void up_tells_each_step_as_it_happens_starting_with_the_new_identity() {
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").ok();
    String err = r.err();
    int identity = err.indexOf("+ identity x_d6e256: slug x_d6e256, subdomain x");
    int ports = err.indexOf("+ ports ");
    int env = err.indexOf("+ env .env.development.local: written");
    assertTrue(identity >= 0 && ports > identity && env > ports, "identity, then ports, then files\n" + err);
  }

  @Test
  void up_creates_a_worktree_on_a_new_branch_from_the_base_and_says_where() throws Exception {
    repo.write("src/app.txt", "v2\n").commitAll("second");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    assertEquals(List.of("ready: " + wt + " (x_d6e256)", "cd " + wt), r.out().lines().toList());
    assertTrue(r.err().contains("new branch from main"), r.err());
    assertEquals(repo.commit("main"), repo.commit("feat/x"));
    assertEquals(List.of(repo.root().toRealPath(), wt), repo.worktrees());
    assertEquals("feat/x", GitRepo.gitIn(wt, "symbolic-ref", "--short", "HEAD").strip());
    assertEquals("v2\n", Files.readString(wt.resolve("src/app.txt")));
    assertTrue(Files.readString(wt.resolve(".env.development.local")).contains("WT_SLUG=x_d6e256\n"));
    assertEquals("", GitRepo.gitIn(wt, "for-each-ref", "--format=%(upstream)", "refs/heads/feat/x").strip(),
        "a new branch does not track the base");
  }

  @Test
  void up_attaches_an_existing_local_branch() throws Exception {
    repo.branchWithCommit("feat/old", "old.txt", "old work\n");
    String tip = repo.commit("feat/old");
    JsonNode r = json(WtRun.in(repo.root(), "up", "feat/old", "--json").ok());
    assertEquals("existing", r.get("branchSource").asText());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(tip, GitRepo.gitIn(wt, "rev-parse", "HEAD").strip());
    assertEquals("old work\n", Files.readString(wt.resolve("old.txt")));
    assertFalse(r.at("/record/branchCreated").asBoolean(), "wt did not create that branch");
  }

  @Test
  void up_tracks_a_branch_only_origin_has() throws Exception {
    GitRepo seed = GitRepo.create(tmp, "seed").branchWithCommit("feat/remote", "remote.txt", "from origin\n");
    Path origin = GitRepo.bareOrigin(tmp, "origin.git", seed);
    GitRepo clone = GitRepo.cloneOf(origin, tmp, "app");
    assertFalse(clone.hasBranch("feat/remote"));

    JsonNode r = json(WtRun.in(clone.root(), "up", "feat/remote", "--json").ok());
    assertEquals("track_remote", r.get("branchSource").asText());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(tmp.resolve("app-remote").toRealPath(), wt);
    assertEquals(seed.commit("feat/remote"), GitRepo.gitIn(wt, "rev-parse", "HEAD").strip());
    assertEquals("refs/remotes/origin/feat/remote",
        clone.git("for-each-ref", "--format=%(upstream)", "refs/heads/feat/remote").strip());
    assertEquals("origin/main", json(WtRun.in(clone.root(), "list", "--json").ok()).get("base").asText(),
        "the base defaults to the remote's default branch");

    // and a brand-new branch in a clone starts from origin/main, not from a stale local main
    seed.write("later.txt", "pushed later\n").commitAll("later");
    seed.git("push", "-q", origin.toString(), "main");
    clone.git("fetch", "-q");
    WtRun.in(clone.root(), "up", "feat/new").ok();
    assertEquals(clone.commit("origin/main"), clone.commit("feat/new"));
  }

  @Test
  void up_base_starts_the_new_branch_from_that_ref() throws Exception {
    repo.branchWithCommit("release/1.0", "release.txt", "1.0\n");
    repo.write("main-only.txt", "later\n").commitAll("later on main");
    WtRun.in(repo.root(), "up", "hotfix/login", "--base", "release/1.0").ok();
    assertEquals(repo.commit("release/1.0"), repo.commit("hotfix/login"));
    assertTrue(Files.exists(tmp.resolve("demo-login/release.txt")));
    assertFalse(Files.exists(tmp.resolve("demo-login/main-only.txt")));
  }

  @Test
  void up_dir_puts_the_worktree_there_relative_to_the_current_folder() throws Exception {
    Path sub = Files.createDirectories(repo.path("sub"));
    JsonNode r = json(WtRun.in(sub, "up", "feat/x", "--dir", "../../elsewhere/x", "--json").ok());
    Path expected = tmp.resolve("elsewhere/x").toRealPath();
    assertEquals(expected.toString(), r.get("path").asText());
    assertTrue(repo.worktrees().contains(expected));
  }

  @Test
  void up_no_setup_only_creates_the_worktree_and_setup_finishes_it_later() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    assertTrue(repo.worktrees().contains(wt));
    assertFalse(Files.exists(wt.resolve(".env.development.local")));

    WtRun setup = WtRun.in(wt, "setup").ok();
    assertTrue(setup.out().startsWith("set up: " + wt + " (x_d6e256)"), setup.out());
    assertTrue(Files.exists(wt.resolve(".env.development.local")));
    JsonNode list = json(WtRun.in(repo.root(), "list", "--json").ok());
    assertTrue(list.at("/worktrees/1/provisioned").asBoolean());
  }

  @Test
  void up_json_prints_the_identity_and_paths() throws Exception {
    WtRun run = WtRun.in(repo.root(), "up", "feat/oauth_v2", "--json").ok();
    JsonNode r = json(run);
    Path wt = tmp.resolve("demo-oauth_v2").toRealPath();
    assertEquals(wt.toString(), r.get("path").asText());
    assertTrue(r.get("created").asBoolean());
    assertEquals("new", r.get("branchSource").asText());
    assertEquals("feat/oauth_v2", r.at("/record/identity/branch").asText());
    assertEquals("oauth_v2_b2b4c8", r.at("/record/identity/slug").asText());
    assertEquals("oauth-v2", r.at("/record/identity/subdomain").asText());
    assertEquals(wt.toString(), r.at("/record/path").asText());
    assertEquals(repo.root().toRealPath().toString(), r.at("/record/mainPath").asText());
    assertEquals("demo", r.at("/record/project").asText());
    assertTrue(r.get("setup").isArray());
    assertFalse(run.out().contains("ready:"), "only JSON on stdout");
  }

  @Test
  void running_up_again_changes_nothing() throws Exception {
    repo.write("wt.toml", """
        [browser_session]
        file = "agent-browser.json"
        [setup]
        commands = ["echo ran >> ran.log"]
        """).commitAll("config");
    Map<String, String> trusted = Map.of("WT_TRUST", "1"); // the set-up command is the repository's
    WtRun.in(repo.root(), trusted, "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    Map<Path, String> before = snapshot(wt, repo.path(".git/wt"));
    WtRun again = WtRun.in(repo.root(), trusted, "up", "feat/x").ok();
    assertEquals(List.of("already there: " + wt + " (x_d6e256)", "cd " + wt), again.out().lines().toList());
    assertTrue(again.err().lines().noneMatch(l -> l.startsWith("+ ")), "nothing done\n" + again.err());
    assertEquals(before, snapshot(wt, repo.path(".git/wt")));
    assertEquals("ran\n", Files.readString(wt.resolve("ran.log")), "set-up commands ran once");
    assertEquals(2, repo.worktrees().size());
  }

  @Test
  void up_from_inside_its_own_worktree_changes_nothing() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    WtRun again = WtRun.in(wt, "up", "feat/x").ok();
    assertTrue(again.out().startsWith("already there: " + wt), again.out());
  }

  @Test
  void up_uses_an_empty_target_folder() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("empty"));
    WtRun.in(repo.root(), "up", "feat/x", "--dir", target.toString()).ok();
    assertTrue(repo.worktrees().contains(target.toRealPath()));
  }

  @Test
  void the_default_folder_moves_aside_to_the_slug_when_another_branch_has_the_same_name() throws Exception {
    JsonNode feat = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    JsonNode fix = json(WtRun.in(repo.root(), "up", "fix/x", "--json").ok());
    assertEquals(tmp.resolve("demo-x").toRealPath().toString(), feat.get("path").asText());
    assertEquals(tmp.resolve("demo-x_8bce93").toRealPath().toString(), fix.get("path").asText());
    assertEquals(3, repo.worktrees().size());
  }

  @Test
  void the_default_folder_moves_aside_when_a_stranger_folder_is_there() throws Exception {
    Files.createDirectories(tmp.resolve("demo-x"));
    Files.writeString(tmp.resolve("demo-x/notes.txt"), "mine\n");
    JsonNode r = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    assertEquals(tmp.resolve("demo-x_d6e256").toRealPath().toString(), r.get("path").asText());
    assertEquals("mine\n", Files.readString(tmp.resolve("demo-x/notes.txt")));
  }

  @Test
  void two_branches_with_the_same_last_segment_coexist_when_urls_do_not_use_the_subdomain() throws Exception {
    // with subdomain URLs the second is refused instead (EnvAndRunCommandTest)
    JsonNode feat = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    JsonNode fix = json(WtRun.in(repo.root(), "up", "fix/x", "--json").ok());
    assertEquals("x", feat.at("/record/identity/subdomain").asText());
    assertNotEquals(feat.at("/record/url").asText(), fix.at("/record/url").asText(), "each has its own origin");
    assertTrue(Files.readString(tmp.resolve("demo-x_8bce93/.env.development.local")).contains("WT_SLUG=x_8bce93\n"));
  }

  @Test
  void up_finishes_a_half_done_up() throws Exception {
    // a crash between git worktree add and setup leaves a worktree without its files
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    WtRun again = WtRun.in(repo.root(), "up", "feat/x").ok();
    assertTrue(again.err().contains("+ env .env.development.local: written"), again.err());
    assertTrue(Files.exists(wt.resolve(".env.development.local")));
    assertTrue(again.out().startsWith("finished: " + wt), "says what it finished, not 'already there'\n" + again.out());
    assertTrue(again.out().contains("done now: ") && again.out().contains("env .env.development.local"), again.out());
  }

  @Test
  void up_remakes_a_worktree_whose_folder_was_deleted_by_hand_with_the_same_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    deleteRecursively(wt);
    WtRun again = WtRun.in(repo.root(), "up", "feat/x", "--json").ok();
    JsonNode r = json(again);
    assertEquals(wt.toString(), r.get("path").asText());
    assertEquals("x_d6e256", r.at("/record/identity/slug").asText());
    assertTrue(Files.readString(wt.resolve(".env.development.local")).contains("WT_SLUG=x_d6e256\n"));
    assertEquals(2, repo.worktrees().size());
  }

  @Test
  void c_option_acts_as_if_started_in_that_folder() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("not-a-repo"));
    WtRun.in(elsewhere, "-C", "../demo", "up", "feat/x").ok();
    assertTrue(repo.worktrees().contains(tmp.resolve("demo-x").toRealPath()));
    WtRun list = WtRun.in(elsewhere, "list", "-C", repo.root().toString()).ok();
    assertTrue(list.out().contains("x_d6e256"), list.out());
  }
}
