package dev.wt.app.gc;

import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Empties wt's trash ({@link dev.wt.core.Trash}): folders wt put there a week ago or more; nothing else. */
final class Trash {

  private Trash() {}

  static List<GcUseCase.Item> sweep(LocalFiles disk, Path trash, boolean yes) {
    List<GcUseCase.Item> out = new ArrayList<>();
    if (!disk.isRealDirectory(trash)) {
      return out;
    }
    Instant now = Instant.now();
    try {
      for (Path entry : disk.entriesIn(trash)) {
        // the time is the one wt wrote into the folder's name; a folder named otherwise is not wt's
        String name = entry.getFileName().toString();
        java.util.Optional<Instant> removed = dev.wt.core.Trash.removedAt(name);
        if (removed.isEmpty() || !dev.wt.core.Trash.expired(name, now)) {
          continue;
        }
        if (disk.exists(entry.resolve(".git"))) {
          // a worktree (its .git file right inside), not kept files: live work, whatever its name says
          out.add(new GcUseCase.Item("trash", entry.toString(), "a git worktree, not wt's kept files", GcUseCase.Outcome.KEPT));
          continue;
        }
        String detail = "in the trash since " + removed.get();
        if (!yes) {
          out.add(new GcUseCase.Item("trash", entry.toString(), detail, GcUseCase.Outcome.FOUND));
          continue;
        }
        try {
          dev.wt.port.FileTrees.delete(entry);
          out.add(new GcUseCase.Item("trash", entry.toString(), detail, GcUseCase.Outcome.RELEASED));
        } catch (IOException e) {
          out.add(new GcUseCase.Item("trash", entry.toString(), "cannot delete: " + e.getMessage(), GcUseCase.Outcome.FAILED));
        }
      }
    } catch (IOException e) {
      out.add(new GcUseCase.Item("trash", trash.toString(), "cannot read: " + e.getMessage(), GcUseCase.Outcome.FAILED));
    }
    return out;
  }
}
