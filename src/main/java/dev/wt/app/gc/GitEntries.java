package dev.wt.app.gc;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.gc.GcUseCase.Item;
import dev.wt.app.gc.GcUseCase.Outcome;
import dev.wt.app.worktree.VanishedWorktree;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Git's entries of worktrees whose folder is gone, for {@code wt gc}: each removed on its own. gc has
 * no {@code --force}: an entry that holds commits only it has (its HEAD's, its own refs', its
 * submodules') stays, with why and how to keep them, for {@code wt down} to save; a locked one stays too.
 */
final class GitEntries {

  private final Services services;
  private final VanishedWorktree vanished;

  GitEntries(Services services) {
    this.services = services;
    this.vanished = new VanishedWorktree(services);
  }

  List<Item> sweep(Repo repo, List<Git.WorktreeEntry> worktrees, boolean yes, Reporter reporter) {
    List<Item> out = new ArrayList<>();
    boolean pruned = false;
    // what other vanished entries hold does not count: this run may remove them too
    List<Git.WorktreeEntry> present = worktrees.stream()
        .filter(w -> w.main() || services.disk().isDirectory(w.path())).toList();
    for (Git.WorktreeEntry w : worktrees) {
      if (w.main() || services.disk().isDirectory(w.path())) {
        continue;
      }
      String name = w.path().toString();
      String detail = w.branch() == null ? "detached" : "branch " + w.branch() + " (kept)";
      if (w.locked()) {
        out.add(new Item("worktree", name, detail + "; locked: git worktree unlock " + name + " to let gc prune it",
            Outcome.KEPT));
        continue;
      }
      Optional<String> kept = holdsWork(repo, w, present);
      if (kept.isPresent()) {
        out.add(new Item("worktree", name, detail + "; " + kept.get(), Outcome.KEPT));
      } else if (!yes) {
        out.add(new Item("worktree", name, detail, Outcome.FOUND));
      } else {
        try {
          vanished.forget(repo.main(), w, false);
          pruned = true;
          out.add(new Item("worktree", name, detail, Outcome.RELEASED));
        } catch (WtException e) {
          out.add(new Item("worktree", name, detail + ": " + e.getMessage(), Outcome.FAILED));
        }
      }
    }
    if (pruned) {
      reporter.done("pruned git's entries of missing worktrees");
    }
    return out;
  }

  /** Why {@code w}'s entry stays, with how to keep what it holds; empty when nothing would be lost. */
  private Optional<String> holdsWork(Repo repo, Git.WorktreeEntry w, List<Git.WorktreeEntry> worktrees) {
    try {
      return vanished.holdsWork(repo, w, worktrees).map(e -> e.getMessage() + " (" + e.hint() + ")");
    } catch (WtException e) {
      // what cannot be read cannot be judged: left for the user rather than deleted unseen
      return Optional.of("wt could not read what its entry holds: " + e.getMessage());
    }
  }
}
