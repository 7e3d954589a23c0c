package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.Procs;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code git worktree add} cut off by a kill leaves git's "initializing" lock, part of the files
 * and (when git itself was killed) its index.lock: the next {@code wt up} finishes the checkout
 * instead of calling the half-made worktree ready, and {@code wt down} removes it instead of
 * refusing it as locked or dirty. Likewise a {@code git worktree remove} cut off halfway is finished
 * by the next {@code wt down}.
 */
class CutCheckoutTest {

  @TempDir Path tmp;
  private GitRepo repo;
  private final Map<String, String> env = Map.of("WT_PG_MODE", "none");

  @BeforeEach
  void repositoryWithFiles() {
    repo = GitRepo.create(tmp, "app");
    for (int i = 0; i < 20; i++) {
      repo.write("src/f" + i + ".txt", "file " + i + "\n");
    }
    repo.write(".gitignore", "build/\n").commitAll("files");
  }

  /** Makes the worktree look like a checkout killed halfway: the lock, most files missing, maybe index.lock. */
  private Path cutOff(String branch, boolean indexLock) throws IOException {
    WtRun.in(repo.root(), env, "up", branch).ok();
    Path dir = tmp.resolve("app-" + branch.substring(branch.indexOf('/') + 1));
    String gitFile = Files.readString(dir.resolve(".git")).strip();
    Path gitDir = Path.of(gitFile.substring("gitdir: ".length()));
    Files.writeString(gitDir.resolve("locked"), "initializing\n");
    for (int i = 3; i < 20; i++) {
      Files.delete(dir.resolve("src/f" + i + ".txt"));
    }
    if (indexLock) {
      Files.writeString(gitDir.resolve("index.lock"), "");
    }
    return dir;
  }

  @Test
  void up_again_finishes_a_cut_off_checkout_and_keeps_the_users_files() throws IOException {
    Path dir = cutOff("feat/half", false);
    Files.createDirectories(dir.resolve("build"));
    Files.writeString(dir.resolve("build/out.txt"), "the user's");

    WtRun again = WtRun.in(repo.root(), env, "up", "feat/half").ok();
    assertTrue(again.err().contains("finishing the checkout"), again.err());
    for (int i = 0; i < 20; i++) {
      assertEquals("file " + i + "\n", Files.readString(dir.resolve("src/f" + i + ".txt")));
    }
    assertEquals("the user's", Files.readString(dir.resolve("build/out.txt")));
    assertFalse(repo.git("worktree", "list", "--porcelain").contains("locked"), "git's lock is lifted");
    assertEquals("", GitRepo.gitIn(dir, "status", "--porcelain"));
    WtRun.in(repo.root(), env, "down", "feat/half").ok();
  }

  @Test
  void edits_made_after_the_cut_are_refused_not_reset_unless_forced() throws IOException {
    Path dir = cutOff("feat/edit", false);
    // git's own advice after the cut, then work
    GitRepo.gitIn(dir, "reset", "-q", "--hard");
    Files.writeString(dir.resolve("src/f5.txt"), "two hours of work\n");

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/edit").expect(1);
    assertTrue(down.err().contains("was cut off, and it has changes since: src/f5.txt"), down.err());
    WtRun.in(repo.root(), env, "up", "feat/edit").expect(1);
    assertEquals("two hours of work\n", Files.readString(dir.resolve("src/f5.txt")));

    WtRun.in(repo.root(), env, "down", "--force", "feat/edit").ok();
    assertFalse(Files.exists(dir));
  }

  @Test
  void up_again_finishes_a_checkout_cut_off_before_git_put_the_branch_in_head() throws IOException {
    Path dir = cutOff("feat/nohead", false);
    GitRepo.gitIn(dir, "update-ref", "--no-deref", "HEAD", "HEAD"); // detached, as add leaves it until the end
    assertFalse(repo.git("worktree", "list", "--porcelain").contains("branch refs/heads/feat/nohead"));

    WtRun.in(repo.root(), env, "up", "feat/nohead").ok();
    assertTrue(repo.git("worktree", "list", "--porcelain").contains("worktree " + dir + "\nHEAD "),
        "the same folder, not a second one");
    assertEquals("refs/heads/feat/nohead", GitRepo.gitIn(dir, "symbolic-ref", "HEAD").strip());
    assertEquals("", GitRepo.gitIn(dir, "status", "--porcelain"));
    WtRun.in(repo.root(), env, "down", "feat/nohead").ok();
    assertFalse(Files.exists(dir));
  }

  @Test
  void up_again_finishes_a_checkout_whose_git_was_killed_before_it_wrote_head_and_commondir() throws IOException {
    Path dir = cutOff("feat/bare", false);
    Path gitDir = Path.of(Files.readString(dir.resolve(".git")).strip().substring("gitdir: ".length()));
    Files.delete(gitDir.resolve("HEAD"));
    Files.delete(gitDir.resolve("commondir"));

    WtRun again = WtRun.in(repo.root(), env, "up", "feat/bare").ok();
    assertEquals("refs/heads/feat/bare", GitRepo.gitIn(dir, "symbolic-ref", "HEAD").strip(), again.err());
    assertEquals("", GitRepo.gitIn(dir, "status", "--porcelain"));
    WtRun.in(repo.root(), env, "down", "feat/bare").ok();
  }

  @Test
  void up_again_finishes_a_checkout_whose_killed_git_left_its_head_locks() throws IOException {
    Path dir = cutOff("feat/headlock", true);
    GitRepo.gitIn(dir, "update-ref", "--no-deref", "HEAD", "HEAD");
    Path gitDir = Path.of(Files.readString(dir.resolve(".git")).strip().substring("gitdir: ".length()));
    Files.writeString(gitDir.resolve("HEAD.lock"), ""); // git was killed while writing HEAD
    Files.writeString(gitDir.resolve("ORIG_HEAD.lock"), ""); // and its reset while writing ORIG_HEAD

    WtRun again = WtRun.in(repo.root(), env, "up", "feat/headlock").ok();
    assertEquals("refs/heads/feat/headlock", GitRepo.gitIn(dir, "symbolic-ref", "HEAD").strip(), again.err());
    assertEquals("", GitRepo.gitIn(dir, "status", "--porcelain"));
    assertFalse(Files.exists(gitDir.resolve("HEAD.lock")));
    assertFalse(Files.exists(gitDir.resolve("ORIG_HEAD.lock")));
    WtRun.in(repo.root(), env, "down", "feat/headlock").ok();
  }

  @Test
  void down_again_finishes_a_removal_cut_off_halfway_and_refuses_the_same_mess_without_its_mark() throws IOException {
    WtRun.in(repo.root(), env, "up", "feat/rm").ok();
    Path dir = tmp.resolve("app-rm");
    Path gitDir = Path.of(Files.readString(dir.resolve(".git")).strip().substring("gitdir: ".length()));
    for (int i = 0; i < 10; i++) {
      Files.delete(dir.resolve("src/f" + i + ".txt"));
    }
    // without down's mark, missing files are the user's deletions: refused
    WtRun refused = WtRun.in(repo.root(), env, "down", "feat/rm").expect(1);
    assertTrue(refused.err().contains("uncommitted changes"), refused.err());

    // what a down killed inside git worktree remove leaves: its mark, part of the files, maybe no .git file
    Files.writeString(gitDir.resolve("wt-removing"), "wt down\n");
    Files.delete(dir.resolve(".git"));
    WtRun down = WtRun.in(repo.root(), env, "down", "feat/rm").ok();
    assertTrue(down.err().contains("finishing the removal"), down.err());
    assertFalse(Files.exists(dir), down.err());
    assertFalse(Files.exists(gitDir), "git's entry is pruned");
    assertFalse(repo.hasBranch("feat/rm"), down.err());
  }

  @Test
  void a_ref_lock_a_killed_git_left_does_not_stop_down_deleting_the_branch_or_up_making_it() throws IOException {
    WtRun.in(repo.root(), env, "up", "feat/lk").ok();
    Path lock = repo.root().resolve(".git/refs/heads/feat/lk.lock");
    Files.writeString(lock, "");
    WtRun.in(repo.root(), env, "down", "feat/lk").ok();
    assertFalse(repo.hasBranch("feat/lk"));

    Files.createDirectories(lock.getParent()); // git removed the emptied folder with the branch
    Files.writeString(lock, "");
    WtRun.in(repo.root(), env, "up", "feat/lk").ok();
    assertTrue(repo.hasBranch("feat/lk"));
    WtRun.in(repo.root(), env, "down", "feat/lk").ok();
  }

  @Test
  void a_packed_refs_rewrite_a_killed_git_left_does_not_stop_down_deleting_the_branch() throws IOException {
    WtRun.in(repo.root(), env, "up", "feat/pk").ok();
    repo.git("pack-refs", "--all");
    Path leftover = repo.root().resolve(".git/packed-refs.new");
    Files.writeString(leftover, "half a file"); // git was killed rewriting packed-refs
    WtRun down = WtRun.in(repo.root(), env, "down", "feat/pk").ok();
    assertFalse(repo.hasBranch("feat/pk"), down.err());
    assertFalse(Files.exists(leftover));
  }

  @Test
  void up_leaves_the_index_lock_to_a_process_still_holding_it_and_finishes_once_it_is_gone() throws Exception {
    Path dir = cutOff("feat/busy", false);
    Path gitDir = Path.of(Files.readString(dir.resolve(".git")).strip().substring("gitdir: ".length()));
    Path indexLock = gitDir.resolve("index.lock");
    try (Procs procs = new Procs()) {
      long holder = procs.start(tmp, "sh", "-c", "exec 3>\"$0\"; exec sleep 600", indexLock.toString());
      Poll.await("the holder opened index.lock", Duration.ofSeconds(20), () -> Files.exists(indexLock));
      WtRun.Started up = WtRun.start(repo.root(), env, "up", "feat/busy");
      String waited = Poll.first(Duration.ofMinutes(1), () -> up.err().contains("waiting for")
          ? up.err() : up.result().isDone() ? "ended without waiting:\n" + up.err() : null);
      assertTrue(waited.contains("waiting for pid " + holder + " (") && waited.contains("which holds " + indexLock), waited);
      assertTrue(Files.exists(indexLock), "a held index.lock was deleted");
      assertFalse(Files.exists(dir.resolve("src/f10.txt")), "checked out under a running git");

      // killed, it leaves index.lock behind, which no process holds any more
      ProcessHandle.of(holder).ifPresent(ProcessHandle::destroyForcibly);
      WtRun r = up.finish().ok();
      assertEquals("file 10\n", Files.readString(dir.resolve("src/f10.txt")), r.err());
      assertFalse(Files.exists(indexLock));
    }
  }

  @Test
  void down_leaves_a_ref_lock_to_a_git_blocked_in_its_hook_and_deletes_the_branch_once_it_is_done() throws Exception {
    Needs.proc();
    WtRun.in(repo.root(), env, "up", "feat/hook").ok();
    // the user's git stops in its reference-transaction hook, holding the ref's lock (git has closed it by then)
    Path hold = tmp.resolve("hold");
    Path held = tmp.resolve("held");
    Path hook = repo.root().resolve(".git/hooks/reference-transaction");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\ncat >/dev/null\n[ \"$1\" = prepared ] || exit 0\n"
        + "if mv '" + hold + "' '" + held + "' 2>/dev/null; then\n  while [ -e '" + held + "' ]; do sleep 0.1; done\nfi\n");
    hook.toFile().setExecutable(true);
    Files.writeString(hold, "");
    Path lock = repo.root().resolve(".git/refs/heads/feat/hook.lock");
    try (Procs procs = new Procs()) {
      long theirs = procs.start(repo.root(), "git", "update-ref", "refs/heads/feat/hook", "HEAD");
      Poll.await("their git waits in its hook", Duration.ofSeconds(20), () -> Files.exists(held) && Files.exists(lock));
      WtRun.Started down = WtRun.start(repo.root(), env, "down", "feat/hook");
      String waited = Poll.first(Duration.ofMinutes(1), () -> down.err().contains("waiting for")
          ? down.err() : down.result().isDone() ? "ended without waiting:\n" + down.err() : null);
      assertTrue(waited.contains("waiting for pid " + theirs + " (git update-ref") && waited.contains(lock.toString()), waited);
      assertTrue(Files.exists(lock), "the lock of a running git was deleted");

      Files.delete(held); // their git goes on, and lets go of its lock
      WtRun r = down.finish().ok();
      assertFalse(repo.hasBranch("feat/hook"), r.err());
      assertTrue(Procs.gone(theirs, 20), "their git finished");
    }
  }

  @Test
  void down_removes_a_cut_off_checkout_whose_git_was_killed_too() throws IOException {
    Path dir = cutOff("feat/killed", true);
    WtRun down = WtRun.in(repo.root(), env, "down", "feat/killed").ok();
    assertFalse(Files.exists(dir), down.err());
    assertFalse(repo.hasBranch("feat/killed"), down.err());
  }
}
