package dev.wt.adapter.git;

import dev.wt.port.Git.WorktreeEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code git worktree list --porcelain -z}: the listing format git keeps stable. */
final class WorktreeList {

  private WorktreeList() {}

  /** The worktrees in git's order (main first), bare entries left out. */
  static List<WorktreeEntry> parse(String porcelain) {
    List<WorktreeEntry> entries = new ArrayList<>();
    String[] fields = porcelain.split("\0", -1);
    Path path = null;
    String head = null;
    String branch = null;
    boolean locked = false;
    boolean prunable = false;
    boolean bare = false;
    for (String f : fields) {
      if (f.isEmpty()) {
        if (path != null && !bare) {
          entries.add(new WorktreeEntry(path, head, branch, entries.isEmpty(), locked, prunable));
        }
        path = null;
        head = null;
        branch = null;
        locked = false;
        prunable = false;
        bare = false;
        continue;
      }
      if (f.startsWith("worktree ")) {
        path = GitRunner.canonical(Path.of(f.substring(9)));
      } else if (f.startsWith("HEAD ")) {
        head = f.substring(5);
      } else if (f.startsWith("branch ")) {
        branch = f.substring(7).replaceFirst("^refs/heads/", "");
      } else if (f.equals("bare")) {
        bare = true;
      } else if (f.equals("locked") || f.startsWith("locked ")) {
        locked = true;
      } else if (f.equals("prunable") || f.startsWith("prunable ")) {
        prunable = true;
      }
    }
    return entries;
  }
}
