package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity is frozen at provision: renames and moves keep it, strangers never inherit it. */
class FrozenIdentityTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path hand;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    hand = tmp.resolve("hand");
  }

  @Test
  void a_detached_worktree_takes_its_identity_from_conductor() throws Exception {
    Path ws = tmp.resolve("tokyo-ws");
    repo.git("worktree", "add", "-q", "--detach", ws.toString());
    JsonNode r = json(WtRun.in(ws, Map.of("CONDUCTOR_WORKSPACE_NAME", "tokyo"), "setup", "--json").ok());
    assertEquals(WorktreeIdentity.derive("tokyo").slug(), r.at("/record/identity/slug").asText());
  }

  @Test
  void renaming_the_branch_and_moving_the_folder_with_git_keeps_the_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x");
    GitRepo.gitIn(wt, "branch", "-m", "feat/x", "feat/renamed");
    Path moved = tmp.resolve("moved");
    repo.git("worktree", "move", wt.toString(), moved.toString());

    JsonNode list = json(WtRun.in(repo.root(), "list", "--json").ok());
    JsonNode entry = list.at("/worktrees/1");
    assertEquals("feat/renamed", entry.get("branch").asText());
    assertEquals("x_d6e256", entry.get("slug").asText(), "list reads the frozen identity");
    assertEquals("x", entry.get("subdomain").asText());
    assertEquals(2, list.get("worktrees").size(), "no ghost entry for the old folder");

    WtRun setup = WtRun.in(moved, "setup").ok();
    assertTrue(setup.out().contains("(x_d6e256)"), setup.out());
    String env = Files.readString(moved.resolve(".env.development.local"));
    assertTrue(env.contains("WT_SLUG=x_d6e256\n"), env);
    assertTrue(env.contains("WT_BRANCH=feat/x\n"), "the original branch stays the identity\n" + env);
    assertTrue(env.contains("WT_PATH=" + moved.toRealPath() + "\n"), "the path follows the folder\n" + env);
    assertTrue(WtRun.in(moved, "setup").ok().out().startsWith("already set up, nothing changed"));
  }

  @Test
  void moving_the_folder_by_hand_and_repairing_it_keeps_the_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/y").ok();
    String slug = WorktreeIdentity.derive("feat/y").slug();
    Path moved = tmp.resolve("elsewhere/y");
    Files.createDirectories(moved.getParent());
    Files.move(tmp.resolve("demo-y"), moved);
    GitRepo.gitIn(moved, "worktree", "repair");

    WtRun list = WtRun.in(repo.root(), "list").ok();
    String real = moved.toRealPath().toString();
    assertTrue(list.out().lines().anyMatch(l -> l.contains(slug) && l.contains(real)),
        list.out());
    JsonNode setup = json(WtRun.in(moved, "setup", "--json").ok());
    assertEquals(slug, setup.at("/record/identity/slug").asText());
    assertEquals(moved.toRealPath().toString(), setup.at("/record/path").asText());
    JsonNode after = json(WtRun.in(repo.root(), "list", "--json").ok());
    assertEquals(2, after.get("worktrees").size(), after.toString());
  }

  @Test
  void a_new_worktree_at_the_path_of_a_removed_one_gets_its_own_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x");
    repo.git("worktree", "remove", "--force", wt.toString()); // by hand: wt's record stays behind
    repo.git("worktree", "add", "-q", "-b", "feat/other", wt.toString());

    JsonNode setup = json(WtRun.in(wt, "setup", "--json").ok());
    assertEquals(WorktreeIdentity.derive("feat/other").slug(), setup.at("/record/identity/slug").asText(),
        "never the identity (databases, ports) of the worktree that used to be here");
    JsonNode rows = json(WtRun.in(repo.root(), "list", "--json").ok()).get("worktrees");
    assertEquals(3, rows.size(), rows.toString());
    assertEquals(WorktreeIdentity.derive("feat/other").slug(), rows.get(1).get("slug").asText());
    assertEquals("x_d6e256", rows.get(2).get("slug").asText());
    assertEquals("gone", rows.get(2).get("status").asText());
  }

  @Test
  void up_no_setup_then_a_branch_rename_keeps_the_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x", "--no-setup").ok();
    Path wt = tmp.resolve("demo-x");
    GitRepo.gitIn(wt, "branch", "-m", "feat/renamed");
    JsonNode setup = json(WtRun.in(wt, "setup", "--json").ok());
    assertEquals("x_d6e256", setup.at("/record/identity/slug").asText());
  }

  @Test
  void setup_refuses_an_identity_collision_in_a_worktree_made_by_hand() throws Exception {
    WtRun.in(repo.root(), "up", "feat1795/x").ok();
    repo.git("worktree", "add", "-q", "-b", "feat3536/x", hand.toString());
    WtRun r = WtRun.in(hand, "setup").expect(1);
    assertRefusal(r, "identity x_4b55e9 is already used by the worktree at " + tmp.resolve("demo-x").toRealPath(),
        "wt down feat1795/x");
    assertFalse(Files.exists(hand.resolve(".env.development.local")));
  }

  @Test
  void down_by_the_original_branch_name_removes_the_renamed_worktree_instead_of_tearing_it_down_in_place()
      throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    GitRepo.gitIn(wt, "branch", "-m", "feat/renamed");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertFalse(r.err().contains("already gone"), r.err());
    assertFalse(Files.exists(wt), "the worktree the user knows as feat/x is removed");
    assertFalse(repo.hasBranch("feat/renamed"), "its (merged) branch goes with it");
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/x_d6e256.json")));
  }

  @Test
  void down_by_slug_works_too() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    WtRun.in(repo.root(), "down", "x_d6e256").ok();
    assertFalse(Files.exists(tmp.resolve("demo-x")));
  }

  @Test
  void up_of_the_original_name_refuses_while_the_renamed_worktree_owns_the_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    GitRepo.gitIn(wt, "branch", "-m", "feat/renamed");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "identity x_d6e256 of feat/x belongs to the worktree at " + wt + " (its branch is now feat/renamed)",
        "cd " + wt);
    assertFalse(repo.hasBranch("feat/x"));
    assertEquals(2, repo.worktrees().size());
    assertEquals(wt.toString(), json(WtRun.in(repo.root(), "list", "--json").ok()).at("/worktrees/1/path").asText());
  }

  @Test
  void setup_of_a_new_worktree_on_the_original_name_never_shares_the_moved_ones_identity() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    GitRepo.gitIn(tmp.resolve("demo-x"), "branch", "-m", "feat/renamed");
    repo.git("worktree", "move", tmp.resolve("demo-x").toString(), tmp.resolve("moved").toString());
    Path fresh = tmp.resolve("fresh");
    repo.git("worktree", "add", "-q", "-b", "feat/x", fresh.toString());
    WtRun r = WtRun.in(fresh, "setup").expect(1);
    assertRefusal(r, "identity x_d6e256 is already used by the worktree at " + tmp.resolve("moved").toRealPath(),
        "wt down feat/x");
    assertFalse(Files.exists(fresh.resolve(".env.development.local")));
  }
}
