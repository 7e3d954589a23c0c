package dev.wt.app.worktree;

import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/** Every worktree of the repository with its identity, state and divergence from the base. */
public final class ListUseCase {

  private final Services services;

  /** Worktrees read at once: git status is mostly waiting on the disk, and each runs in its own process. */
  private static final int PARALLEL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  public ListUseCase(Services services) {
    this.services = services;
  }

  /**
   * One row of {@code wt list}.
   *
   * @param status {@code clean}, {@code dirty}, {@code missing} (folder gone) or {@code locked}
   * @param provisioned whether wt holds a record for it
   * @param url its dev URL ({@code WT_URL}) when wt provisioned it
   * @param setUp whether its setup has run ({@code false} after {@code wt up --no-setup} until {@code wt setup})
   * @param usedBy for a task's primary whose folder is gone, the other repositories' worktrees of the
   *     task that still use its ports and databases: {@code wt gc} keeps them while these are there
   */
  public record Entry(String branch, String slug, String subdomain, String path, boolean main, String status,
      int ahead, int behind, boolean provisioned, String url, boolean setUp, List<String> usedBy) {

    public Entry {
      usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
    }
  }

  /** The listing and the base branch ahead/behind counts are measured against. */
  public record Listing(String base, List<Entry> worktrees) {}

  public Listing list(Path cwd) {
    Repo repo = Repo.open(services, cwd);
    dev.wt.app.gc.PendingDeletions.resume(services, repo.location().commonDir());
    Git git = services.git();
    Map<String, WorktreeRecord> unmatched = new LinkedHashMap<>();
    repo.state().all().forEach(r -> unmatched.put(r.slug(), r));
    boolean baseExists = git.refExists(repo.main(), repo.base());
    List<java.util.function.Supplier<Entry>> rows = new ArrayList<>();
    for (Git.WorktreeEntry w : git.worktrees(repo.main())) {
      WorktreeRecord r = w.main() ? null
          : repo.recordFor(w.path(), services.disk().isDirectory(w.path()) ? repo.gitDirOf(w.path()) : null, w.branch())
              .orElse(null);
      if (r != null) {
        unmatched.remove(r.slug());
      }
      WorktreeIdentity id = r != null ? r.identity() : (w.branch() != null ? WorktreeIdentity.derive(w.branch()) : null);
      // the git reads of each worktree (its status, its distance from the base) run side by side
      rows.add(() -> {
        boolean missing = !services.disk().isDirectory(w.path());
        // moved by hand beside where it was: alive, and what it owns is kept (MovedWorktree)
        String status = !missing ? (git.dirtyPaths(w.path()).isEmpty() ? "clean" : "dirty")
            : !w.main() && MovedWorktree.find(services.disk(), repo.location().commonDir(), w.path()).isPresent() ? "moved"
            : "missing";
        Git.AheadBehind ab = w.branch() != null && baseExists
            ? git.aheadBehind(repo.main(), "refs/heads/" + w.branch(), repo.base())
            : new Git.AheadBehind(0, 0);
        return new Entry(w.branch(), id == null ? null : id.slug(), id == null ? null : id.subdomain(),
            w.path().toString(), w.main(), status, ab.ahead(), ab.behind(), r != null, r == null ? null : r.url(),
            r != null && !r.setupPending(), missing && r != null ? usedBy(r) : List.of());
      });
    }
    List<Entry> out = new ArrayList<>(dev.wt.app.Concurrently.map(rows, PARALLEL));
    for (WorktreeRecord orphan : unmatched.values()) {
      out.add(new Entry(orphan.identity().branch(), orphan.slug(), orphan.identity().subdomain(), orphan.path(),
          false, "gone", 0, 0, true, orphan.url(), !orphan.setupPending(), usedBy(orphan)));
    }
    return new Listing(repo.base(), out);
  }

  /** The worktrees that borrow a gone worktree's ports and databases, as {@code wt gc} finds them. */
  private List<String> usedBy(WorktreeRecord r) {
    return new dev.wt.app.TaskBorrowers(services).of(r).stream().map(Path::toString).toList();
  }
}
