package dev.wt.adapter.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.process.LinuxProcesses;
import dev.wt.adapter.process.LsofProcesses;
import dev.wt.core.ExitCode;
import dev.wt.core.WtException;
import dev.wt.port.ProcessTable;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Poll;
import dev.wt.testing.Procs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks a git killed with wt left on a ref do not stop wt from deleting the branch afterwards; a
 * lock a running process holds is left to it, and wt says whom it waits for.
 */
class StaleRefLocksTest {

  @TempDir Path tmp;
  private final List<String> told = new CopyOnWriteArrayList<>();

  private static ProcessTable table() {
    return LinuxProcesses.available() ? new LinuxProcesses() : new LsofProcesses();
  }

  private GitCli git(Duration limit) {
    return new GitCli(new LockWait(new LockHolders(table()), told::add, LockWait.GRACE, limit));
  }

  /** Starts a process that holds {@code lock} open (created by the redirection) until it is killed. */
  private static long holdOpen(Procs procs, Path dir, Path lock) {
    long pid = procs.start(dir, "sh", "-c", "exec 3>\"$0\"; exec sleep 600", lock.toString());
    Poll.await("the holder opened " + lock, Duration.ofSeconds(20), () -> Files.exists(lock));
    return pid;
  }

  @Test
  void a_branch_with_a_stale_ref_lock_and_a_stale_packed_refs_lock_is_still_deleted() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("branch", "feat/killed");
    repo.git("pack-refs", "--all"); // the ref in packed-refs too, as after a gc
    repo.git("branch", "-f", "feat/killed", "HEAD");
    Path git = repo.root().resolve(".git");
    Files.writeString(git.resolve("refs/heads/feat/killed.lock"), "");
    Files.writeString(git.resolve("packed-refs.lock"), "");

    git(LockWait.LIMIT).deleteBranch(repo.root(), "feat/killed", true);

    assertFalse(repo.hasBranch("feat/killed"));
    assertFalse(Files.exists(git.resolve("refs/heads/feat/killed.lock")));
    assertTrue(repo.hasBranch("main"), "nothing else went");
    assertEquals(List.of(), told, "no process held them: nothing to wait for");
  }

  @Test
  void a_ref_lock_a_running_process_holds_open_stays_until_it_lets_go() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("branch", "feat/held");
    Path lock = repo.root().resolve(".git/refs/heads/feat/held.lock");
    try (Procs procs = new Procs()) {
      long holder = holdOpen(procs, tmp, lock);
      CompletableFuture<Void> delete = CompletableFuture.runAsync(
          () -> git(LockWait.LIMIT).deleteBranch(repo.root(), "feat/held", true));

      Poll.await("wt says it waits, or ends", Duration.ofMinutes(1), () -> !told.isEmpty() || delete.isDone());
      assertTrue(Files.exists(lock), "the held lock was deleted");
      assertTrue(repo.hasBranch("feat/held"));
      assertFalse(delete.isDone(), "wt stopped waiting while the lock was held");
      assertEquals(1, told.size(), told.toString());
      assertTrue(told.get(0).contains("pid " + holder + " (") && told.get(0).endsWith("which holds " + lock), told.get(0));

      // killed, it leaves the lock behind: no process holds it any more, so it goes
      ProcessHandle.of(holder).ifPresent(ProcessHandle::destroyForcibly);
      delete.get(1, TimeUnit.MINUTES);
    }
    assertFalse(repo.hasBranch("feat/held"));
    assertFalse(Files.exists(lock));
  }

  @Test
  void a_lock_still_held_after_the_limit_stops_wt_naming_its_holder() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("branch", "feat/stuck");
    Path lock = repo.root().resolve(".git/packed-refs.lock");
    try (Procs procs = new Procs()) {
      long holder = holdOpen(procs, tmp, lock);

      ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(
          () -> git(Duration.ofSeconds(2)).deleteBranch(repo.root(), "feat/stuck", true)).get(2, TimeUnit.MINUTES));

      WtException wt = (WtException) e.getCause();
      assertEquals(ExitCode.ENVIRONMENT, wt.exitCode());
      assertTrue(wt.getMessage().startsWith(lock + " is still held after 2 s by pid " + holder + " ("), wt.getMessage());
      assertTrue(wt.hint().contains("kill " + holder), wt.hint());
      // the holder is sleep, not a git: the hint names it
      assertTrue(wt.hint().startsWith("let sleep (pid " + holder + ") finish or close it"), wt.hint());
      assertFalse(wt.hint().contains("git finish"), wt.hint());
      assertTrue(Files.exists(lock), "a held lock is never deleted");
      assertTrue(repo.hasBranch("feat/stuck"));
    }
  }

  @Test
  void a_git_left_running_in_a_pager_does_not_keep_a_stale_lock() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("branch", "feat/old");
    Path lock = repo.root().resolve(".git/refs/heads/feat/old.lock");
    Files.writeString(lock, "");
    try (Procs procs = new Procs()) {
      // reads its stdin, which stays open, for as long as the test runs: like a git log left in less
      long reader = procs.start(repo.root(), "git", "cat-file", "--batch");
      assertNotNull(Poll.first(Duration.ofSeconds(20), () -> table().snapshot().stream()
          .filter(p -> p.pid() == reader && p.command().contains("cat-file")).findFirst().orElse(null)));

      git(LockWait.LIMIT).deleteBranch(repo.root(), "feat/old", true);

      assertTrue(Procs.alive(reader) || !LinuxProcesses.available(), "it ran throughout");
    }
    assertFalse(repo.hasBranch("feat/old"));
    assertEquals(List.of(), told);
  }

  @Test
  void a_holder_is_named_by_its_program_even_when_its_command_line_is_long() {
    LockHolders.Holder h = new LockHolders.Holder(7,
        "/opt/vendor/very/long/install/path/that/goes/on/and/on/bin/backup-agent --watch /home/dev/src --all", true);
    assertEquals("backup-agent", h.program());
    assertTrue(h.name().startsWith("pid 7 (backup-agent --watch /home/dev/src"), h.name());
    assertEquals("git", new LockHolders.Holder(8, "/usr/lib/git-core/git pack-refs --all", false).program());
    assertEquals("kworker/0:1", new LockHolders.Holder(9, "[kworker/0:1]", true).program());
  }

  @Test
  void git_subcommands_are_read_past_their_global_options() {
    assertEquals("pack-refs", LockHolders.gitSubcommand("/usr/lib/git-core/git pack-refs --all --prune"));
    assertEquals("log", LockHolders.gitSubcommand("git -C /r -c core.pager=less --no-pager log --oneline"));
    assertEquals("upload-pack", LockHolders.gitSubcommand("/usr/lib/git-core/git-upload-pack /r"));
    assertEquals(null, LockHolders.gitSubcommand("sh -c git gc"));
    assertFalse(LockHolders.mayWrite("git log -p"));
    assertTrue(LockHolders.mayWrite("git -c gc.auto=1 gc --auto"));
    assertTrue(LockHolders.mayWrite("git"), "unknown: taken as one that may");
  }
}
