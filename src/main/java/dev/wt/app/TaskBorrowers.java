package dev.wt.app;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The worktrees of other repositories that use a task primary's ports and databases: the
 * repositories its record names as {@link WorktreeRecord#borrowers()} are asked, so a stale name
 * (a worktree taken down since) counts for nothing.
 */
public final class TaskBorrowers {

  private final Services services;

  public TaskBorrowers(Services services) {
    this.services = services;
  }

  /**
   * The folders of the worktrees that still use {@code record}'s ports and databases: in each
   * repository {@code record} names whose record of the same task shares another's, the linked
   * worktree git still lists, with its folder, on the task's branch or at the recorded folder, so
   * that a worktree moved with {@code git worktree move} counts where it went and a folder re-made
   * after {@code git worktree remove} counts for nothing.
   */
  public List<Path> of(WorktreeRecord record) {
    List<Path> out = new ArrayList<>();
    if (record.shared() || record.ports().isEmpty() && record.databases().isEmpty()) {
      return out; // borrows itself, or has nothing yet (wt up --no-setup): lends nothing
    }
    for (String commonDir : record.borrowers()) {
      Path common = Path.of(commonDir);
      if (!services.disk().isDirectory(common)) {
        continue; // that repository is gone, with its worktrees
      }
      services.stateStores().apply(common).bySlug(record.slug())
          .filter(WorktreeRecord::shared)
          .flatMap(r -> liveWorktree(common, r))
          .ifPresent(out::add);
    }
    return out;
  }

  /** Where git has the worktree of the borrowing record {@code r}, asked from its main worktree. */
  private Optional<Path> liveWorktree(Path common, WorktreeRecord r) {
    Path main = Path.of(r.mainPath());
    Path recorded = Path.of(r.path());
    String branch = r.identity().branch();
    // git answers from the common dir too, should the main worktree have moved since
    return services.git().worktrees(services.disk().isDirectory(main) ? main : common).stream()
        .filter(w -> !w.main() && !w.prunable() && services.disk().isDirectory(w.path()))
        .filter(w -> branch.equals(w.branch()) || recorded.equals(w.path()))
        .map(Git.WorktreeEntry::path)
        .findFirst();
  }

  /**
   * Refuses to release {@code record}'s ports and databases while another repository's worktree
   * uses them; {@code command} is how the user ran it, for the hint.
   */
  public void refuseWhileBorrowed(WorktreeRecord record, String command) {
    refuseWhileUsed(record, of(record), command);
  }

  /** As {@link #refuseWhileBorrowed}, with the borrowers {@link #of} already found. */
  public void refuseWhileUsed(WorktreeRecord record, List<Path> using, String command) {
    if (using.isEmpty()) {
      return;
    }
    String task = record.identity().branch();
    throw WtException.refused("the worktree of " + task + " at " + record.path() + " holds the ports and databases of "
        + "task " + task + ", which " + String.join(", ", using.stream().map(Path::toString).toList()) + " still "
        + (using.size() == 1 ? "uses" : "use") + "; nothing was removed",
        "take the whole task down with wt down " + dev.wt.core.Shell.quote(task) + " in the workspace's folder (or -W), "
            + "or run " + command + " --force to release them anyway");
  }
}
