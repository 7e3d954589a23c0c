package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.deleteRecursively;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt down}: nothing lost (dirty trees, unmerged branches), nothing left behind. */
class DownCommandTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path wt;

  @BeforeEach
  void repositoryWithAWorktree() throws Exception {
    repo = GitRepo.create(tmp, "demo");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    wt = tmp.resolve("demo-x").toRealPath();
  }

  @Test
  void down_removes_the_worktree_its_state_and_a_merged_branch() {
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertEquals(List.of("down: " + wt + " (branch feat/x: deleted)"), r.out().lines().toList());
    assertTrue(r.err().contains("deleted branch feat/x (merged into main)"), r.err());
    assertGone();
    assertFalse(repo.hasBranch("feat/x"));
  }

  @Test
  void down_accepts_the_worktree_path() {
    WtRun.in(repo.root(), "down", "../demo-x").ok();
    assertGone();
  }

  @Test
  void down_refuses_a_dirty_worktree_and_lists_what_would_be_lost() throws Exception {
    Files.writeString(wt.resolve("README.md"), "changed\n");
    Files.writeString(wt.resolve("new file.txt"), "new\n");
    Files.createDirectories(wt.resolve("src/deep"));
    Files.writeString(wt.resolve("src/deep/untracked.java"), "class A {}\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").expect(1);
    assertRefusal(r, "worktree " + wt + " has uncommitted changes that would be lost: ", "--force");
    for (String f : List.of("README.md", "new file.txt", "src/deep/untracked.java")) {
      assertTrue(r.err().lines().findFirst().orElse("").contains(f), "lists " + f + "\n" + r.err());
    }
    assertEquals("changed\n", Files.readString(wt.resolve("README.md")), "nothing touched");
    assertTrue(repo.worktrees().contains(wt));
    assertTrue(repo.hasBranch("feat/x"));
    assertTrue(Files.exists(stateFile()), "state kept");
  }

  @Test
  void a_long_list_of_changes_is_cut_with_a_count() throws Exception {
    for (int i = 0; i < 13; i++) {
      Files.writeString(wt.resolve("f" + i + ".txt"), "x\n");
    }
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").expect(1);
    assertTrue(r.err().contains(" and 3 more"), r.err());
  }

  @Test
  void down_force_discards_changes_and_deletes_an_unmerged_branch() throws Exception {
    commitInWorktree("work.txt");
    Files.writeString(wt.resolve("README.md"), "changed\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x", "--force").ok();
    assertTrue(r.out().contains("(branch feat/x: deleted)"), r.out());
    assertGone();
    assertFalse(repo.hasBranch("feat/x"));
  }

  @Test
  void down_and_list_work_from_inside_another_linked_worktree() throws Exception {
    WtRun.in(repo.root(), "up", "feat/y").ok();
    Path y = tmp.resolve("demo-y").toRealPath();
    assertEquals(3, json(WtRun.in(y, "list", "--json").ok()).get("worktrees").size());
    WtRun.in(y, "down", "feat/x").ok();
    assertGone();
    assertTrue(Files.exists(y));
  }

  @Test
  void down_refuses_when_the_current_folder_is_inside_the_worktree() throws Exception {
    Path sub = Files.createDirectories(wt.resolve("sub"));
    for (Path inside : List.of(wt, sub)) {
      WtRun r = WtRun.in(inside, "down", "feat/x").expect(1);
      assertRefusal(r, "you are inside " + wt, "cd " + repo.root().toRealPath());
    }
    assertTrue(repo.worktrees().contains(wt));
  }

  @Test
  void down_never_touches_the_main_worktree() throws Exception {
    for (String target : List.of("main", repo.root().toString(), ".")) {
      WtRun r = WtRun.in(repo.root(), "down", target, "--force").expect(1);
      assertRefusal(r, "refusing to remove the main worktree", "linked worktree");
    }
    assertTrue(Files.exists(repo.path("README.md")));
    assertTrue(repo.hasBranch("main"));
  }

  @Test
  void down_keeps_an_unmerged_branch_and_says_so() throws Exception {
    commitInWorktree("work.txt");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(r.err().contains("kept branch feat/x: 1 commit(s) not merged into main (wt down --force deletes it anyway)"),
        r.err());
    assertTrue(r.out().contains("(branch feat/x: kept-unmerged)"), r.out());
    assertTrue(repo.hasBranch("feat/x"));
    assertGone();
  }

  @Test
  void down_deletes_a_branch_merged_with_a_merge_commit() throws Exception {
    commitInWorktree("work.txt");
    repo.git("merge", "-q", "--no-ff", "-m", "merge feat/x", "feat/x");
    WtRun.in(repo.root(), "down", "feat/x").ok();
    assertFalse(repo.hasBranch("feat/x"));
  }

  @Test
  void down_deletes_a_squash_merged_branch() throws Exception {
    commitInWorktree("work.txt");
    commitInWorktree("more.txt");
    repo.git("merge", "-q", "--squash", "feat/x");
    repo.git("commit", "-q", "-m", "squashed feat/x");
    repo.write("later.txt", "main moved on\n").commitAll("later");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(r.err().contains("deleted branch feat/x (merged into main)"), r.err());
    assertFalse(repo.hasBranch("feat/x"));
  }

  @Test
  void force_says_a_merged_branch_went_because_it_was_merged_and_an_unmerged_one_because_of_force() throws Exception {
    commitInWorktree("work.txt");
    repo.git("merge", "-q", "--no-ff", "-m", "merge feat/x", "feat/x");
    WtRun merged = WtRun.in(repo.root(), "down", "--force", "feat/x").ok();
    assertTrue(merged.err().contains("deleted branch feat/x (merged into main), it was at "), merged.err());
    assertFalse(merged.err().contains("--force"), "force did not decide it\n" + merged.err());

    WtRun.in(repo.root(), "up", "feat/x").ok();
    commitInWorktree("unmerged.txt");
    WtRun unmerged = WtRun.in(repo.root(), "down", "--force", "feat/x").ok();
    assertTrue(unmerged.err().contains("deleted branch feat/x (not merged into main, deleted by --force; it was at "),
        unmerged.err());
  }

  @Test
  void a_partly_merged_branch_is_kept() throws Exception {
    commitInWorktree("work.txt");
    repo.git("merge", "-q", "--squash", "feat/x");
    repo.git("commit", "-q", "-m", "squashed the first part");
    commitInWorktree("more.txt");
    WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(repo.hasBranch("feat/x"));
  }

  @Test
  void down_keep_branch_keeps_even_a_merged_branch() {
    WtRun r = WtRun.in(repo.root(), "down", "feat/x", "--keep-branch").ok();
    assertTrue(r.err().contains("kept branch feat/x (--keep-branch)"), r.err());
    assertTrue(repo.hasBranch("feat/x"));
    assertGone();
  }

  @Test
  void files_wt_generated_do_not_count_as_changes_but_edits_to_them_do() throws Exception {
    WtRun.in(repo.root(), "down", "feat/x").ok();
    repo.write("wt.toml", """
        [files]
        symlink = [".env.local"]
        copy = ["config"]
        [browser_session]
        file = "agent-browser.json"
        """).write(".worktreeinclude", "node_modules/\n").commitAll("cfg");
    repo.write(".env.local", "S=1\n").write("config/dev.json", "{}\n").write("node_modules/a/i.js", "1\n");
    WtRun.in(repo.root(), "up", "feat/y").ok();
    Path y = tmp.resolve("demo-y").toRealPath();
    // without the lines wt added to info/exclude, git shows wt's files as untracked
    Files.writeString(repo.path(".git/info/exclude"), "");
    assertFalse(GitRepo.gitIn(y, "status", "--porcelain").isBlank(), "git sees wt's files now");

    Files.writeString(y.resolve("agent-browser.json"), "{\"edited\": true}\n");
    WtRun refused = WtRun.in(repo.root(), "down", "feat/y").expect(1);
    String first = refused.err().lines().findFirst().orElse("");
    assertTrue(first.contains("agent-browser.json"), "an edited generated file is the user's work\n" + refused.err());
    for (String ours : List.of(".env.development.local", ".env.local", "config/dev.json")) {
      assertFalse(first.contains(ours), ours + " is wt's own, unchanged\n" + refused.err());
    }

    WtRun.in(y, "setup", "--force").ok();
    WtRun.in(repo.root(), "down", "feat/y").ok();
    assertFalse(Files.exists(y));
  }

  @Test
  void down_after_the_folder_was_deleted_by_hand_finishes_the_teardown() throws Exception {
    deleteRecursively(wt);
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(r.err().contains("pruned missing worktree " + wt), r.err());
    assertGone();
    assertFalse(repo.hasBranch("feat/x"), "the merged branch goes too");
  }

  @Test
  void down_after_git_already_forgot_the_worktree_finishes_the_teardown() throws Exception {
    deleteRecursively(wt);
    repo.git("worktree", "prune");
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertTrue(r.err().contains("already gone; finishing its teardown"), r.err());
    assertGone();
    assertFalse(repo.hasBranch("feat/x"), "a merged branch is deleted like in any down");
  }

  @Test
  void an_interrupted_down_is_finished_by_running_it_again_and_a_third_run_says_there_is_nothing() throws Exception {
    commitInWorktree("work.txt");
    repo.git("worktree", "remove", "--force", wt.toString());
    WtRun.in(repo.root(), "down", "feat/x").ok();
    assertGone();
    assertTrue(repo.hasBranch("feat/x"), "unmerged: kept");
    WtRun third = WtRun.in(repo.root(), "down", "feat/x").expect(1);
    assertRefusal(third, "no worktree for 'feat/x'", "wt list");
  }

  @Test
  void down_refuses_a_locked_worktree_without_force() {
    repo.git("worktree", "lock", "--reason", "on a USB disk", wt.toString());
    WtRun r = WtRun.in(repo.root(), "down", "feat/x").expect(1);
    assertRefusal(r, "worktree " + wt + " is locked", "--force");
    WtRun.in(repo.root(), "down", "feat/x", "--force").ok();
    assertFalse(Files.exists(wt));
  }

  @Test
  void down_of_something_that_is_no_worktree_is_refused() {
    WtRun r = WtRun.in(repo.root(), "down", "feat/nope").expect(1);
    assertRefusal(r, "no worktree for 'feat/nope'", "wt list");
  }

  @Test
  void down_removes_a_worktree_another_tool_made() throws Exception {
    Path hand = tmp.resolve("hand");
    repo.git("worktree", "add", "-q", "-b", "feat/hand", hand.toString());
    WtRun r = WtRun.in(repo.root(), "down", "feat/hand").ok();
    assertFalse(Files.exists(hand));
    assertTrue(r.err().contains("kept branch feat/hand: wt did not create it"), r.err());
    assertTrue(repo.hasBranch("feat/hand"), "wt deletes only branches it created");
  }

  private void commitInWorktree(String file) throws Exception {
    Files.writeString(wt.resolve(file), file + "\n");
    GitRepo.gitIn(wt, "add", "-A");
    GitRepo.gitIn(wt, "commit", "-q", "-m", "add " + file);
  }

  private Path stateFile() {
    return repo.path(".git/wt/worktrees/x_d6e256.json");
  }

  private void assertGone() {
    assertFalse(Files.exists(wt), "folder removed");
    assertFalse(repo.worktrees().contains(wt), "git forgot it");
    assertFalse(Files.exists(stateFile()), "state released");
  }

}
