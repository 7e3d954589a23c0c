package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt down} loses no commit (a detached HEAD's, a submodule's), keeps the ignored files the
 * user made in wt's trash, and deletes only branches wt created.
 */
class DownKeepsWorkTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", "build/\ndist/\ntarget/\n.cache/\n*.log\nvenv\nnode_modules/\n").commitAll("ignore");
  }

  @Test
  void a_branch_the_user_switched_to_in_the_worktree_is_kept_though_merged() throws Exception {
    repo.git("branch", "release-1.0");
    Path wt = up("feat/sw", "demo-sw");
    GitRepo.gitIn(wt, "switch", "-q", "release-1.0");
    WtRun r = WtRun.in(repo.root(), "down", "feat/sw").ok();
    assertTrue(repo.hasBranch("release-1.0"), "wt did not create release-1.0\n" + r.err());
  }

  @Test
  void an_ignored_fifo_neither_hangs_down_nor_stops_it() throws Exception {
    Path wt = up("feat/fifo", "demo-fifo");
    Files.createDirectories(wt.resolve("dist"));
    Process mk = new ProcessBuilder("mkfifo", wt.resolve("dist/pipe").toString()).start();
    assertEquals(0, mk.waitFor());
    Files.writeString(wt.resolve("dist/app.js"), "built");
    WtRun.in(repo.root(), "down", "feat/fifo").ok();
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_commit_on_a_detached_head_stops_down_and_force_saves_it_under_a_ref() throws Exception {
    Path wt = up("feat/det", "demo-det");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach");
    String sha = commit(wt, "notes.txt", "detached work");

    WtRun r = WtRun.in(repo.root(), "down", "feat/det").expect(1);
    assertRefusal(r, "holds 1 commit that no branch, tag or other worktree has, which would be lost: "
        + sha.substring(0, 12) + " \"detached work\"", "branch <name> " + sha.substring(0, 12));
    assertTrue(r.err().contains("--force to save them under refs/wt/saved/det_"), r.err());
    assertTrue(Files.isDirectory(wt), "nothing removed");

    WtRun forced = WtRun.in(repo.root(), "down", "--force", "feat/det").ok();
    String ref = "refs/wt/saved/" + slug("feat/det") + "/head";
    assertTrue(forced.err().contains("saved 1 commit as " + ref), forced.err());
    assertFalse(Files.exists(wt));
    assertEquals(sha, repo.commit(ref), "the commit is kept by a ref, not only by git fsck");
  }

  @Test
  void committed_files_that_look_like_a_git_dir_do_not_hide_a_detached_commit_from_down() throws Exception {
    // HEAD, objects/ and refs/ at the root: git must still read the repository, not the checkout
    repo.write("HEAD", "ref: refs/heads/main\n").write("objects/info/keep", "").write("refs/heads/.keep", "")
        .commitAll("files named like a git dir's");
    Path wt = up("feat/lookalike", "demo-lookalike");
    GitRepo.gitIn(wt, "checkout", "-q", "--detach");
    String sha = commit(wt, "notes.txt", "detached work");

    WtRun r = WtRun.in(repo.root(), "down", "feat/lookalike").expect(1);
    assertTrue(r.err().contains(sha.substring(0, 12) + " \"detached work\""), r.err());
    assertTrue(Files.isDirectory(wt), "nothing removed");
  }

  @Test
  void work_inside_a_submodule_stops_down_even_when_gitmodules_says_to_ignore_it() throws Exception {
    Path wt = worktreeWithSubmodule();
    repo.git("config", "submodule.lib.ignore", "all"); // what a committed .gitmodules "ignore = all" does
    Files.writeString(wt.resolve("lib/notes.txt"), "my notes\n");

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub").expect(1);
    assertTrue(r.err().contains("uncommitted changes"), r.err());
    assertTrue(Files.exists(wt.resolve("lib/notes.txt")), "nothing removed");
  }

  @Test
  void a_commit_only_in_a_submodule_of_the_worktree_stops_down_and_force_saves_it_in_the_main_checkouts_copy()
      throws Exception {
    Path wt = worktreeWithSubmodule();
    String sha = commit(wt.resolve("lib"), "fix.txt", "fix inside the submodule");
    commit(wt, null, "point lib at the fix"); // the worktree itself is clean, its branch kept (unmerged)

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub").expect(1);
    assertRefusal(r, "lib@" + sha.substring(0, 12) + " \"fix inside the submodule\"", "push those of lib");

    WtRun forced = WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
    Path mainCopy = repo.path(".git/modules/lib").toRealPath();
    String ref = "refs/wt/saved/" + slug("feat/sub") + "/modules/lib/head";
    assertTrue(forced.err().contains("saved 1 commit of submodule lib as " + ref + " in " + mainCopy), forced.err());
    assertFalse(Files.exists(repo.path(".git/worktrees/demo-sub")), "the worktree's copy of the submodule is gone");
    assertEquals(sha, GitRepo.gitIn(repo.path("lib"), "rev-parse", ref).strip(), "the commit survives in main's lib");
  }

  @Test
  void a_submodule_commit_is_found_when_the_worktree_folder_was_deleted_by_hand() throws Exception {
    Path wt = worktreeWithSubmodule();
    String sha = commit(wt.resolve("lib"), "fix.txt", "fix inside the submodule");
    dev.wt.testing.Checks.deleteRecursively(wt);

    WtRun r = WtRun.in(repo.root(), "down", "feat/sub").expect(1);
    assertRefusal(r, "lib@" + sha.substring(0, 12), "--force");
    assertTrue(Files.isDirectory(repo.path(".git/worktrees/demo-sub/modules/lib")), "git has not pruned it");

    WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
    assertEquals(sha, GitRepo.gitIn(repo.path("lib"), "rev-parse", "refs/wt/saved/" + slug("feat/sub")
        + "/modules/lib/head").strip());
  }

  @Test
  void without_a_copy_of_the_submodule_in_the_main_checkout_force_saves_its_commits_in_the_repository()
      throws Exception {
    Path wt = worktreeWithSubmodule();
    repo.git("submodule", "deinit", "-q", "-f", "lib");
    dev.wt.testing.Checks.deleteRecursively(repo.path(".git/modules/lib"));
    String sha = commit(wt.resolve("lib"), "fix.txt", "fix inside the submodule");
    commit(wt, null, "point lib at the fix");

    WtRun forced = WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
    String ref = "refs/wt/saved/" + slug("feat/sub") + "/modules/lib/head";
    assertTrue(forced.err().contains(ref), forced.err());
    assertEquals(sha, repo.commit(ref), "the objects now live in the repository itself");
  }

  @Test
  void a_submodule_at_a_commit_its_remote_has_does_not_stop_down() throws Exception {
    Path wt = worktreeWithSubmodule();
    WtRun.in(repo.root(), "down", "feat/sub").ok();
    assertFalse(Files.exists(wt));
  }

  @Test
  void ignored_files_the_user_made_go_to_the_trash_and_dependencies_a_lockfile_rebuilds_go() throws Exception {
    repo.write("package-lock.json", "{}\n").commitAll("lockfile");
    Path wt = up("feat/ign", "demo-ign");
    Map<String, String> mine = Map.of("dist/release-signing.key", "KEY\n", "target/data.sqlite", "DB\n",
        ".cache/creds.json", "{\"token\": 1}\n", "experiment.log", "run 7\n");
    for (var e : mine.entrySet()) {
      Files.createDirectories(wt.resolve(e.getKey()).getParent());
      Files.writeString(wt.resolve(e.getKey()), e.getValue());
    }
    Files.createDirectories(wt.resolve("node_modules/left-pad"));
    Files.writeString(wt.resolve("node_modules/left-pad/index.js"), "module.exports = 1\n");

    WtRun r = WtRun.in(repo.root(), "down", "feat/ign", "--json").ok();
    Path trash = Path.of(json(r).get("trash").asText());
    assertEquals(repo.path(".git/wt/trash").toRealPath(), trash.getParent(), "the repository's trash");
    assertTrue(trash.getFileName().toString().startsWith(slug("feat/ign") + "-"), trash.toString());
    assertEquals(4, json(r).get("trashedFiles").asInt());
    List<String> lines = r.err().lines().filter(l -> l.contains("ignored file")).toList();
    assertEquals(List.of("moved 4 ignored file(s) wt did not make to " + trash
        + " (kept 7 days; wt down --purge deletes them instead)"), lines.stream().map(l -> l.replaceFirst("^\\W+", ""))
        .toList(), r.err());
    for (var e : mine.entrySet()) {
      assertEquals(e.getValue(), Files.readString(trash.resolve(e.getKey())), e.getKey() + " kept, at its own path");
    }
    assertFalse(Files.exists(trash.resolve("node_modules")), "npm ci makes node_modules again: not kept");
    assertFalse(Files.exists(wt));
  }

  @Test
  void dependency_folders_without_a_lockfile_are_kept_too_and_purge_keeps_nothing() throws Exception {
    Path wt = up("feat/ign", "demo-ign");
    Files.createDirectories(wt.resolve("venv/lib"));
    Files.writeString(wt.resolve("venv/lib/patched.py"), "x = 1\n");
    WtRun r = WtRun.in(repo.root(), "down", "feat/ign", "--json").ok();
    assertTrue(Files.isRegularFile(Path.of(json(r).get("trash").asText()).resolve("venv/lib/patched.py")),
        "no requirements or lockfile beside it: nothing can make it again");

    wt = up("feat/ign", "demo-ign");
    Files.writeString(wt.resolve("experiment.log"), "run 8\n");
    WtRun purged = WtRun.in(repo.root(), "down", "feat/ign", "--purge", "--json").ok();
    assertTrue(json(purged).get("trash").isNull(), purged.out());
    assertTrue(purged.err().contains("(--purge): experiment.log"), purged.err());
    assertFalse(Files.exists(wt));
    try (Stream<Path> trashes = Files.list(repo.path(".git/wt/trash"))) {
      // .deleting holds removed worktrees until the background deletion is done, kept for no one;
      // .spare folders for the next wt up, cleared of all that git does not track
      assertEquals(1, trashes.filter(t -> !t.getFileName().toString().startsWith(".")).count(),
          "only the first down filled the trash");
    }
  }

  @Test
  void down_keeps_a_branch_that_existed_before_up_unless_delete_branch() throws Exception {
    repo.git("branch", "feat/local-existing");
    up("feat/local-existing", "demo-local_existing");
    WtRun r = WtRun.in(repo.root(), "down", "feat/local-existing").ok();
    assertTrue(r.err().contains("kept branch feat/local-existing: wt did not create it"), r.err());
    assertTrue(r.out().contains("(branch feat/local-existing: kept)"), r.out());
    assertTrue(repo.hasBranch("feat/local-existing"), "merged, but the user's");

    up("feat/local-existing", "demo-local_existing");
    WtRun.in(repo.root(), "down", "feat/local-existing", "--delete-branch").ok();
    assertFalse(repo.hasBranch("feat/local-existing"));
  }

  @Test
  void a_state_file_written_before_wt_recorded_who_made_the_branch_keeps_the_branch() throws Exception {
    up("feat/old", "demo-old");
    Path state = repo.path(".git/wt/worktrees/" + slug("feat/old") + ".json");
    String json = Files.readString(state);
    assertTrue(json.contains("\"branchCreated\" : true"), json);
    Files.writeString(state, json.replace("\"branchCreated\" : true,", ""));

    WtRun r = WtRun.in(repo.root(), "down", "feat/old").ok();
    assertTrue(r.err().contains("kept branch feat/old: wt did not create it"), r.err());
    assertTrue(repo.hasBranch("feat/old"));
  }

  @Test
  void keep_branch_and_delete_branch_together_are_a_usage_error() throws Exception {
    up("feat/x", "demo-x");
    WtRun.in(repo.root(), "down", "feat/x", "--keep-branch", "--delete-branch").expect(2);
  }

  private Path worktreeWithSubmodule() throws Exception {
    return new DownFixture(tmp, repo).worktreeWithSubmodule();
  }

  private Path up(String branch, String folder) throws Exception {
    return new DownFixture(tmp, repo).up(branch, folder);
  }

  private static String slug(String branch) {
    return DownFixture.slug(branch);
  }

  private static String commit(Path dir, String file, String message) throws Exception {
    return DownFixture.commit(dir, file, message);
  }
}
