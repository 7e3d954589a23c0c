package dev.wt.app.task;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Gives a task's other repositories the ports and databases of its primary worktree: before their
 * {@code wt up}, each one's record is written (or refreshed) as sharing the primary's, so their
 * setup copies those into their env files instead of allocating, and their teardown releases none.
 */
final class TaskSharing {

  private final Services services;

  TaskSharing(Services services) {
    this.services = services;
  }

  /** What {@link #share} did to the repository's record of the task. */
  enum Shared {
    /** A record was written before the worktree exists: undo it when the worktree does not come. */
    SEEDED,
    /** The existing record now carries the primary's ports and databases. */
    REFRESHED,
    /** The worktree holds its own (made by a single-repository {@code wt up}): left as it is. */
    OWN
  }

  /**
   * Makes the repository at {@code repoDir}'s record of {@code task} share {@code primary}'s
   * resources, the primary's record (in the repository at {@code primaryDir}) naming that
   * repository first, so that no worktree uses them unknown to the primary's down, teardown and gc.
   */
  Shared share(Path repoDir, String task, Path primaryDir, WorktreeRecord primary) {
    Repo repo = Repo.open(services, repoDir);
    WorktreeIdentity identity = WorktreeIdentity.derive(task);
    return repo.state().locked(() -> {
      var existing = repo.state().bySlug(identity.slug());
      if (existing.isPresent()) {
        WorktreeRecord r = existing.get();
        boolean own = !r.shared() && (!r.ports().isEmpty() || !r.databases().isEmpty());
        if (own || !r.identity().branch().equals(task)) {
          return Shared.OWN; // another branch's identity: wt up says so
        }
        lend(primaryDir, primary, repo);
        repo.state().save(r.sharing(primary.path(), primary.ports(), primary.databases()));
        return Shared.REFRESHED;
      }
      Path main = repo.main();
      // the folder wt up picks by default; wt up moves the record to the folder it really takes
      Path guess = main.resolveSibling(main.getFileName() + "-" + identity.slug());
      boolean branchCreated = !services.git().localBranchExists(main, task);
      lend(primaryDir, primary, repo);
      repo.state().save(new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, repo.project(), identity,
          guess.toString(), main.toString(), "up", branchCreated, Instant.now(), List.of(), null)
          .withSetupPending(true).sharing(primary.path(), primary.ports(), primary.databases()));
      return Shared.SEEDED;
    });
  }

  /** Names {@code borrower} in the primary's record, under the primary repository's state lock. */
  private void lend(Path primaryDir, WorktreeRecord primary, Repo borrower) {
    Repo home = Repo.open(services, primaryDir);
    String commonDir = borrower.location().commonDir().toString();
    home.state().locked(() -> {
      home.state().bySlug(primary.slug()).ifPresent(r -> home.state().save(r.withBorrower(commonDir)));
      return null;
    });
  }

  /** Forgets a record {@link #share} seeded when {@code wt up} made no worktree for it. */
  void unseed(Path repoDir, String task) {
    Repo repo = Repo.open(services, repoDir);
    String slug = WorktreeIdentity.derive(task).slug();
    repo.state().locked(() -> {
      boolean made = services.git().worktrees(repo.main()).stream().anyMatch(w -> task.equals(w.branch()));
      if (!made && repo.state().bySlug(slug).map(WorktreeRecord::shared).orElse(false)) {
        repo.state().delete(slug);
      }
      return null;
    });
  }
}
