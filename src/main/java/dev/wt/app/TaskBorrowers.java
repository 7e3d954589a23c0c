package dev.wt.app;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
   * The folders of the worktrees that still use {@code record}'s ports and databases: each a record
   * of the same task that shares another's, in a repository {@code record} names, whose folder exists.
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
          .map(r -> Path.of(r.path()))
          .filter(services.disk()::isDirectory)
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * Refuses to release {@code record}'s ports and databases while another repository's worktree
   * uses them; {@code command} is how the user ran it, for the hint.
   */
  public void refuseWhileBorrowed(WorktreeRecord record, String command) {
    List<Path> using = of(record);
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
