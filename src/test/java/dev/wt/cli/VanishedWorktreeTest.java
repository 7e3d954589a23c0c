package dev.wt.cli;

import static dev.wt.cli.DownFixture.commit;
import static dev.wt.cli.DownFixture.slug;
import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.deleteRecursively;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git's entry of a worktree whose folder was deleted by hand ({@code .git/worktrees/<name>}) still
 * holds work: the commits of its own refs and of its detached HEAD, its submodules' repositories.
 * {@code wt gc}, {@code wt down} and {@code wt up} remove such an entry only after the checks
 * {@code wt down} makes, and only their own: never with {@code git worktree prune}, which takes
 * every vanished worktree's entry at once.
 */
class VanishedWorktreeTest {

  @TempDir Path tmp;
  GitRepo repo;
  DownFixture at;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    at = new DownFixture(tmp, repo);
  }

  /** A worktree made by {@code wt up}, whose folder was then deleted by hand. */
  private Path vanished(String branch, String folder) throws Exception {
    Path wt = at.up(branch, folder);
    deleteRecursively(wt);
    return wt;
  }

  private boolean entry(String folder) {
    return Files.isDirectory(repo.path(".git/worktrees/" + folder));
  }

  /** The worktree items of a {@code wt gc --json}, by folder name. */
  private Map<String, JsonNode> worktreeItems(WtRun r) {
    Map<String, JsonNode> out = new HashMap<>();
    json(r).get("items").forEach(i -> {
      if (i.get("kind").asText().equals("worktree")) {
        out.put(Path.of(i.get("name").asText()).getFileName().toString(), i);
      }
    });
    return out;
  }

  @Test
  void gc_keeps_the_entry_of_a_vanished_worktree_holding_unsaved_work_and_says_how_to_keep_it() throws Exception {
    Path sub = at.worktreeWithSubmodule();
    Files.writeString(sub.resolve("lib/README.md"), "stashed in lib\n");
    GitRepo.gitIn(sub.resolve("lib"), "stash", "-q");
    Path held = at.up("feat/held", "demo-held");
    GitRepo.gitIn(held, "checkout", "-q", "--detach");
    String sha = commit(held, "kept.txt", "only a worktree ref has it");
    GitRepo.gitIn(held, "update-ref", "refs/worktree/keep", "HEAD");
    GitRepo.gitIn(held, "switch", "-q", "feat/held");
    Path plain = at.up("feat/plain", "demo-plain");
    for (Path p : new Path[] {sub, held, plain}) {
      deleteRecursively(p);
    }

    Map<String, JsonNode> dry = worktreeItems(WtRun.in(repo.root(), "gc", "--json").ok());
    assertEquals("kept", dry.get("demo-held").get("outcome").asText(), dry.toString());
    assertEquals("kept", dry.get("demo-sub").get("outcome").asText(), dry.toString());
    assertEquals("found", dry.get("demo-plain").get("outcome").asText(), dry.toString());

    WtRun gc = WtRun.in(repo.root(), "gc", "--yes", "--json").ok();
    Map<String, JsonNode> items = worktreeItems(gc);
    String why = items.get("demo-held").get("detail").asText();
    assertEquals("kept", items.get("demo-held").get("outcome").asText(), why);
    assertTrue(why.contains(sha.substring(0, 12) + " \"only a worktree ref has it\" (refs/worktree/keep)"), why);
    assertTrue(why.contains("wt down --force --keep-branch " + held), why);
    String subWhy = items.get("demo-sub").get("detail").asText();
    assertTrue(subWhy.contains("lib@") && subWhy.contains("(refs/stash@{0})"), subWhy);
    assertEquals("released", items.get("demo-plain").get("outcome").asText());
    assertTrue(entry("demo-held") && Files.isDirectory(repo.path(".git/worktrees/demo-sub/modules/lib")),
        "what holds the work stays");
    assertFalse(entry("demo-plain"), "the entry with nothing in it goes");
    assertEquals(sha, GitRepo.gitIn(repo.path(".git/worktrees/demo-held"), "rev-parse", "refs/worktree/keep").strip());

    // the hint works: down --force saves the commit, and then the entry goes
    WtRun.in(repo.root(), "down", "--force", "--keep-branch", held.toString()).ok();
    assertEquals(sha, repo.commit("refs/wt/saved/" + slug("feat/held") + "/worktree/keep"));
    assertFalse(entry("demo-held"));
  }

  @Test
  void gc_keeps_two_vanished_entries_whose_detached_heads_alone_hold_a_commit() throws Exception {
    Path one = at.up("feat/one", "demo-one");
    Path two = at.up("feat/two", "demo-two");
    GitRepo.gitIn(one, "checkout", "-q", "--detach");
    String sha = commit(one, "only.txt", "held by two detached heads");
    GitRepo.gitIn(two, "checkout", "-q", "--detach", sha);
    deleteRecursively(one);
    deleteRecursively(two);

    Map<String, JsonNode> items = worktreeItems(WtRun.in(repo.root(), "gc", "--yes", "--json").ok());
    // each holds it only together with the other, which this gc could remove as well
    assertEquals("kept", items.get("demo-one").get("outcome").asText(), items.toString());
    assertEquals("kept", items.get("demo-two").get("outcome").asText(), items.toString());
    assertTrue(entry("demo-one") && entry("demo-two"));
    assertEquals(sha, GitRepo.gitIn(repo.path(".git/worktrees/demo-two"), "rev-parse", "HEAD").strip());
  }

  @Test
  void down_of_a_vanished_worktree_removes_its_own_entry_and_leaves_the_other_vanished_ones() throws Exception {
    vanished("feat/mine", "demo-mine");
    Path other = vanished("feat/other", "demo-other");

    WtRun.in(repo.root(), "down", "feat/mine").ok();

    assertFalse(entry("demo-mine"));
    assertTrue(entry("demo-other"), "another worktree's entry is not down's to remove");
    assertTrue(repo.git("worktree", "list", "--porcelain").contains(other.toString()));
  }

  @Test
  void down_of_a_vanished_worktree_on_a_detached_head_keeps_its_commits() throws Exception {
    Path wt = at.up("feat/det", "demo-det");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach");
    String sha = commit(wt, "lost.txt", "made on a detached head");
    deleteRecursively(wt);

    WtRun r = WtRun.in(repo.root(), "down", "feat/det").expect(1);
    assertRefusal(r, sha.substring(0, 12) + " \"made on a detached head\"", "branch <name> " + sha.substring(0, 12));
    assertTrue(entry("demo-det"), "nothing removed");

    WtRun.in(repo.root(), "down", "--force", "feat/det").ok();
    assertEquals(sha, repo.commit("refs/wt/saved/" + slug("feat/det") + "/head"));
    assertFalse(entry("demo-det"));
  }

  @Test
  void down_refuses_a_vanished_locked_worktree_without_force() throws Exception {
    Path wt = at.up("feat/usb", "demo-usb");
    repo.git("worktree", "lock", "--reason", "on a USB disk", wt.toString());
    deleteRecursively(wt);

    WtRun r = WtRun.in(repo.root(), "down", "feat/usb").expect(1);
    assertRefusal(r, "worktree " + wt + " is locked and its folder is missing", "--force");
    assertTrue(entry("demo-usb"));

    WtRun.in(repo.root(), "down", "--force", "feat/usb").ok();
    assertFalse(entry("demo-usb"));
  }

  @Test
  void up_again_after_the_folder_was_deleted_forgets_only_its_own_entry() throws Exception {
    Path mine = vanished("feat/again", "demo-again");
    vanished("feat/other", "demo-other");

    WtRun.in(repo.root(), "up", "feat/again").ok();

    assertTrue(Files.isDirectory(mine));
    assertTrue(entry("demo-other"), "another worktree's entry is not up's to remove");
  }

  @Test
  void up_again_refuses_while_the_vanished_entry_holds_unsaved_work() throws Exception {
    Path mine = at.up("feat/again", "demo-again");
    String sha = commit(mine, "bisect.txt", "the bad one");
    GitRepo.gitIn(mine, "update-ref", "refs/bisect/bad", "HEAD");
    GitRepo.gitIn(mine, "reset", "-q", "--hard", "HEAD~1");
    deleteRecursively(mine);

    WtRun r = WtRun.in(repo.root(), "up", "feat/again").expect(1);
    assertRefusal(r, sha.substring(0, 12) + " \"the bad one\" (refs/bisect/bad)", "wt down --force --keep-branch " + mine);
    assertEquals(sha, GitRepo.gitIn(repo.path(".git/worktrees/demo-again"), "rev-parse", "refs/bisect/bad").strip());
    assertFalse(Files.exists(mine), "nothing made");
  }
}
