package dev.wt.cli;

import static dev.wt.cli.DownFixture.commit;
import static dev.wt.cli.DownFixture.slug;
import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt down} loses nothing that lives only in the worktree's git dir, which goes with it: the
 * commits of its own refs ({@code refs/worktree}, {@code refs/bisect}, {@code refs/rewritten}), a
 * submodule's stash and notes, and the files a submodule ignores.
 */
class DownKeepsGitDirWorkTest {

  @TempDir Path tmp;
  GitRepo repo;
  DownFixture at;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    at = new DownFixture(tmp, repo);
  }

  @Test
  void a_commit_only_a_worktree_ref_holds_stops_down_and_force_saves_it_while_the_shared_stash_stays()
      throws Exception {
    Path wt = at.up("feat/wref", "demo-wref");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach");
    String sha = commit(wt, "kept.txt", "kept by a worktree ref");
    GitRepo.gitIn(wt, "update-ref", "refs/worktree/keep", "HEAD");
    GitRepo.gitIn(wt, "switch", "-q", "feat/wref");
    Files.writeString(wt.resolve("README.md"), "stashed\n");
    GitRepo.gitIn(wt, "stash", "-q"); // refs/stash is the repository's, not the worktree's: it stays
    String stash = repo.commit("refs/stash");

    WtRun r = WtRun.in(repo.root(), "down", "feat/wref").expect(1);
    assertRefusal(r, "holds 1 commit that no branch, tag or other worktree has, which would be lost: "
        + sha.substring(0, 12) + " \"kept by a worktree ref\" (refs/worktree/keep)",
        "branch <name> " + sha.substring(0, 12));
    assertTrue(Files.isDirectory(wt), "nothing removed");

    WtRun forced = WtRun.in(repo.root(), "down", "--force", "feat/wref").ok();
    String ref = "refs/wt/saved/" + slug("feat/wref") + "/worktree/keep";
    assertTrue(forced.err().contains("saved 1 commit (refs/worktree/keep) as " + ref), forced.err());
    assertEquals(sha, repo.commit(ref));
    assertEquals(stash, repo.commit("refs/stash"));
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_bisect_ref_counts_when_the_folder_was_deleted_by_hand_but_not_what_another_worktrees_ref_holds()
      throws Exception {
    Path wt = at.up("feat/bis", "demo-bis");
    Path other = at.up("feat/other", "demo-other");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach");
    String bad = commit(wt, "bug.txt", "the bad one");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach", "feat/bis");
    String held = commit(wt, "held.txt", "held by the other worktree");
    GitRepo.gitIn(wt, "switch", "-q", "feat/bis");
    GitRepo.gitIn(wt, "update-ref", "refs/bisect/bad", bad);
    GitRepo.gitIn(wt, "update-ref", "refs/rewritten/onto", held);
    GitRepo.gitIn(other, "update-ref", "refs/worktree/from-bis", held);
    dev.wt.testing.Checks.deleteRecursively(wt);

    WtRun r = WtRun.in(repo.root(), "down", "feat/bis").expect(1);
    assertRefusal(r, "holds 1 commit that no branch, tag or other worktree has, which would be lost: "
        + bad.substring(0, 12) + " \"the bad one\" (refs/bisect/bad)", "--force");
    assertFalse(r.err().contains(held.substring(0, 12)), "the other worktree keeps it\n" + r.err());

    WtRun.in(repo.root(), "down", "--force", "feat/bis").ok();
    assertEquals(bad, repo.commit("refs/wt/saved/" + slug("feat/bis") + "/bisect/bad"));
    assertEquals(held, GitRepo.gitIn(other, "rev-parse", "refs/worktree/from-bis").strip());
  }

  @Test
  void a_submodules_stash_and_notes_stop_down_and_force_saves_every_stash_entry() throws Exception {
    Path wt = at.worktreeWithSubmodule();
    Path lib = wt.resolve("lib");
    Files.writeString(lib.resolve("README.md"), "first try\n");
    GitRepo.gitIn(lib, "stash", "-q");
    Files.writeString(lib.resolve("README.md"), "second try\n");
    GitRepo.gitIn(lib, "stash", "-q");
    GitRepo.gitIn(lib, "notes", "add", "-m", "reviewed", "HEAD");
    String newer = GitRepo.gitIn(lib, "rev-parse", "refs/stash").strip();
    String older = GitRepo.gitIn(lib, "rev-parse", "refs/stash@{1}").strip();
    String notes = GitRepo.gitIn(lib, "rev-parse", "refs/notes/commits").strip();

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub").expect(1);
    String saved = "refs/wt/saved/" + slug("feat/sub") + "/modules/lib/";
    // a push to a branch keeps neither a stash entry as a stash nor notes as notes: the hint says what keeps them
    assertRefusal(r, "lib@" + newer.substring(0, 12) + " \"WIP on ",
        "keep lib's notes and stash entries (refs/notes/commits, refs/stash@{0}, refs/stash@{1}) with wt down --force,"
            + " which copies them into the main checkout's lib (or the repository when that has none) as " + saved
            + "… (git stash apply " + saved + "stash/0 there brings back stash@{0}): a push to a branch would not keep");
    assertFalse(r.err().contains("push origin"), r.err());
    assertTrue(r.err().contains("(refs/stash@{1})") && r.err().contains("lib@" + older.substring(0, 12))
        && r.err().contains("(refs/notes/commits)"), r.err());
    assertTrue(Files.isDirectory(lib), "nothing removed");

    WtRun forced = WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
    assertTrue(forced.err().contains("(refs/stash@{0}) of submodule lib as " + saved + "stash/0"), forced.err());
    Path mainLib = repo.path("lib");
    assertEquals(newer, GitRepo.gitIn(mainLib, "rev-parse", saved + "stash/0").strip());
    assertEquals(older, GitRepo.gitIn(mainLib, "rev-parse", saved + "stash/1").strip());
    assertEquals(notes, GitRepo.gitIn(mainLib, "rev-parse", saved + "notes/commits").strip());
    GitRepo.gitIn(mainLib, "stash", "apply", "-q", saved + "stash/1"); // a saved entry is still a stash
    assertEquals("first try\n", Files.readString(mainLib.resolve("README.md")));
  }

  @Test
  void the_push_hint_for_a_submodule_of_a_folder_deleted_by_hand_works_as_printed() throws Exception {
    Path wt = at.worktreeWithSubmodule();
    String sha = commit(wt.resolve("lib"), "lib.txt", "only in the worktree's lib");
    dev.wt.testing.Checks.deleteRecursively(wt);

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub").expect(1);
    assertRefusal(r, "lib@" + sha.substring(0, 12), "push those of lib (git --git-dir=");
    String hint = r.err().lines().filter(l -> l.startsWith("hint: ")).findFirst().orElseThrow();
    String push = hint.substring(hint.indexOf("(git --git-dir=") + 1, hint.indexOf(")", hint.indexOf("(git --git-dir=")));
    GitRepo.gitIn(repo.root(), push.replace("<name>", "kept").substring("git ".length()).split(" "));

    WtRun.in(repo.root(), "down", "feat/sub").ok(); // the remote has it now
    assertEquals(sha, GitRepo.gitIn(repo.path("../lib"), "rev-parse", "refs/heads/kept").strip());
  }

  @Test
  void files_a_submodule_ignores_go_to_the_trash_too() throws Exception {
    Path wt = at.worktreeWithSubmodule();
    Files.writeString(wt.resolve("lib/.env.local"), "TOKEN=mine\n"); // lib's own .gitignore names it
    Files.createDirectories(wt.resolve("lib/node_modules/left-pad")); // no lockfile beside it: the user's
    Files.writeString(wt.resolve("lib/node_modules/left-pad/index.js"), "patched\n");

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub", "--json").ok();
    assertEquals(2, json(r).get("trashedFiles").asInt(), r.err());
    Path trash = Path.of(json(r).get("trash").asText());
    assertEquals("TOKEN=mine\n", Files.readString(trash.resolve("lib/.env.local")));
    assertEquals("patched\n", Files.readString(trash.resolve("lib/node_modules/left-pad/index.js")));
    assertTrue(r.err().contains("moved 2 ignored file(s) wt did not make to " + trash), r.err());
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_submodule_git_cannot_read_does_not_stop_a_forced_down() throws Exception {
    Path wt = at.worktreeWithSubmodule();
    dev.wt.testing.Checks.deleteRecursively(repo.path(".git/worktrees/demo-sub/modules/lib"));

    WtRun r = WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
    assertTrue(r.err().contains("the files submodule lib ignores go with the worktree, not to the trash: git could not"),
        r.err());
    assertFalse(Files.exists(wt));
  }
}
