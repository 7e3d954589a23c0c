package dev.wt.app.gc;

import static dev.wt.testing.Checks.deleteRecursively;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.WorktreeIdentity;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import dev.wt.testing.GitRepo;
import dev.wt.testing.RealServices;
import dev.wt.testing.WtRun;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc removes git's entry of a vanished worktree only holding the lock {@code wt up} and {@code wt
 * down} take, and only while it is the entry gc checked: a worktree made again at that path while
 * gc looked stays, and an entry a down removed meanwhile counts as done, not as a failure.
 */
class GitEntriesBesideUpAndDownTest {

  @TempDir Path tmp;
  private GitRepo repo;
  private Path gone;

  @BeforeEach
  void aWorktreeWhoseFolderWasDeletedByHand() throws Exception {
    repo = GitRepo.create(tmp, "demo");
    WtRun.in(repo.root(), "up", "feat/gone").ok();
    gone = tmp.resolve("demo-gone").toRealPath();
    deleteRecursively(gone);
  }

  /**
   * The real adapters; {@code meanwhile} runs once, on git's first read of refs: gc is then
   * checking what the entry holds, after it found the folder missing and before it removes anything.
   */
  private Services services(Runnable meanwhile) {
    Git real = RealServices.git();
    AtomicBoolean fired = new AtomicBoolean();
    Git git = (Git) Proxy.newProxyInstance(Git.class.getClassLoader(), new Class<?>[] {Git.class}, (p, m, args) -> {
      if (m.getName().equals("refs") && fired.compareAndSet(false, true)) {
        meanwhile.run();
      }
      try {
        return m.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    return RealServices.with(git);
  }

  private GcUseCase.Item sweep(Services services) {
    Repo r = Repo.open(services, repo.root());
    List<GcUseCase.Item> items = new GitEntries(services).sweep(r, services.git().worktrees(repo.root()), true,
        Reporter.SILENT);
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }

  @Test
  void a_worktree_made_again_at_the_path_while_gc_checked_the_entry_stays() throws Exception {
    GcUseCase.Item item = sweep(services(() -> WtRun.in(repo.root(), "up", "feat/gone").ok()));

    assertTrue(Files.isRegularFile(gone.resolve(".git")), "gc removed the worktree made again: " + item);
    assertEquals(GcUseCase.Outcome.KEPT, item.outcome(), item.toString());
    assertTrue(GitRepo.gitIn(repo.root(), "worktree", "list").contains(gone + " "), "git forgot it");
  }

  @Test
  void an_entry_a_down_removed_while_gc_checked_it_counts_as_released_not_failed() throws Exception {
    GcUseCase.Item item = sweep(services(() -> WtRun.in(repo.root(), "down", "feat/gone").ok()));

    assertEquals(GcUseCase.Outcome.RELEASED, item.outcome(), item.toString());
    assertTrue(item.detail().contains("already removed"), item.detail());
    assertFalse(Files.exists(repo.path(".git/worktrees/demo-gone")));
  }

  @Test
  void an_entry_whose_worktree_lock_another_command_holds_is_kept() throws Exception {
    Path lock = repo.path(".git/wt/worktrees/" + WorktreeIdentity.derive("feat/gone").slug() + ".lock");
    GcUseCase.Item item;
    // what an up or down of the branch holds all along
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      item = sweep(services(() -> { }));
    }

    assertEquals(GcUseCase.Outcome.KEPT, item.outcome(), item.toString());
    assertTrue(Files.isDirectory(repo.path(".git/worktrees/demo-gone")), "removed under another command's lock");
  }
}
