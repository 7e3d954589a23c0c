package dev.wt.app.gc;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.gc.GcUseCase.Item;
import dev.wt.app.gc.GcUseCase.Outcome;
import dev.wt.app.worktree.MovedWorktree;
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
      Optional<java.nio.file.Path> moved = MovedWorktree.find(services.disk(), repo.location().commonDir(), w.path());
      if (moved.isPresent()) {
        out.add(new Item("worktree", name, detail + "; " + MovedWorktree.repairHint(moved.get()), Outcome.KEPT));
        continue;
      }
      // what goes is the entry checked here: taken before the check, compared again before removal
      Optional<VanishedWorktree.Entry> seen = vanished.entryOf(repo, w);
      Optional<String> kept = holdsWork(repo, w, present);
      if (!yes) {
        out.add(new Item("worktree", name, kept.map(k -> detail + "; " + k).orElse(detail),
            kept.isPresent() ? Outcome.KEPT : Outcome.FOUND));
        continue;
      }
      Item item = release(repo, w, seen, kept, name, detail);
      out.add(item);
      pruned |= item.outcome() == Outcome.RELEASED && item.detail().equals(detail); // removed by this run
    }
    if (pruned) {
      reporter.done("pruned git's entries of missing worktrees");
    }
    return out;
  }

  /**
   * Removes the entry once it is still the one {@code seen} was read from, holding the worktree's
   * lock ({@link VanishedWorktree#forgetIfUnchanged}). One that another command (a {@code wt down})
   * removed since gc listed it is released, not failed: what gc was after is done.
   */
  private Item release(Repo repo, Git.WorktreeEntry w, Optional<VanishedWorktree.Entry> seen, Optional<String> kept,
      String name, String detail) {
    Item removedMeanwhile = new Item("worktree", name, detail + "; already removed by another wt command", Outcome.RELEASED);
    if (seen.isEmpty() || kept.isPresent()) {
      // an entry removed since it was listed cannot be read either: done, not kept
      boolean gone = seen.isPresent() ? !services.disk().isDirectory(seen.get().adminFolder())
          : services.git().worktrees(repo.main()).stream().noneMatch(x -> x.path().equals(w.path()));
      return gone ? removedMeanwhile : new Item("worktree", name, detail + "; " + kept.orElse(
          "wt finds no admin folder whose gitdir names it in " + repo.location().commonDir().resolve("worktrees")),
          Outcome.KEPT);
    }
    try {
      return switch (vanished.forgetIfUnchanged(repo, w, seen.get())) {
        case REMOVED -> new Item("worktree", name, detail, Outcome.RELEASED);
        case GONE -> removedMeanwhile;
        case CHANGED -> new Item("worktree", name, detail + "; kept: it changed while gc ran (its folder is back, or "
            + "its admin folder is another worktree's now)", Outcome.KEPT);
        case BUSY -> LiveWorktrees.busy("worktree", name, w.branch() != null ? w.branch() : name);
      };
    } catch (WtException e) {
      return new Item("worktree", name, detail + ": " + e.getMessage(), Outcome.FAILED);
    }
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
