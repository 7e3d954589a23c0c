package dev.wt.app.gc;

import dev.wt.app.Services;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts again the background deletions of removed worktrees that were cut short (a reboot, a
 * killed session): each wt command that touches worktrees calls it, and so does {@code wt gc}.
 * Spare folders past their time go too ({@link dev.wt.app.worktree.Spares#sweep}).
 */
public final class PendingDeletions {

  private PendingDeletions() {}

  /** Restarts the deletion of every folder waiting in the trash of {@code gitCommonDir} that no process is deleting. */
  public static void resume(Services services, Path gitCommonDir) {
    Path deleting = dev.wt.core.Trash.of(gitCommonDir).deleting();
    try {
      for (Path entry : services.disk().foldersIn(deleting)) { // the usual case: one stat, nothing there
        // what down moves here is a folder holding the worktree; a worktree itself (its .git file
        // right inside) was put here by someone else and is live: never deleted
        if (!services.disk().exists(entry.resolve(".git"))) {
          services.files().deleteDetached(entry);
        }
      }
    } catch (IOException e) {
      // unreadable now; the next command tries again
    }
    dev.wt.app.worktree.Spares.sweep(services, gitCommonDir);
  }
}
