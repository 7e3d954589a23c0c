package dev.wt.app.gc;

import dev.wt.app.Repo;
import dev.wt.app.worktree.MovedWorktree;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Git;
import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which worktrees of a repository are alive, and a guard that lets gc release what a dead one left
 * only while no wt command works on that worktree: a {@code wt up} records its name (and may make
 * its databases) before its folder exists, holding the worktree's lock all along.
 */
final class LiveWorktrees {

  private final Git git;
  private final LocalFiles disk;

  LiveWorktrees(Git git, LocalFiles disk) {
    this.git = git;
    this.disk = disk;
  }

  /**
   * Slugs that belong to a worktree whose folder exists, or that git keeps locked (on a disk not
   * mounted now, as git's prune sees it), or that was moved beside where it was: by record, by the slug marker in its git dir and by its
   * branch; and every record whose folder exists (kept, whatever else it is).
   */
  Set<String> slugs(Repo repo) {
    Set<String> live = new HashSet<>();
    for (Git.WorktreeEntry w : git.worktrees(repo.main())) {
      if (w.main()) {
        continue;
      }
      Path gitDir;
      if (w.locked() || disk.isDirectory(w.path())) {
        gitDir = repo.gitDirOf(w.path());
      } else {
        // moved beside where it was (mv, not git worktree move): alive, at a path git does not know yet
        Optional<Path> moved = MovedWorktree.find(disk, repo.location().commonDir(), w.path());
        if (moved.isEmpty()) {
          continue;
        }
        gitDir = repo.gitDirOf(moved.get());
      }
      repo.recordFor(w.path(), gitDir, w.branch()).ifPresent(r -> live.add(r.slug()));
      marker(repo, gitDir).ifPresent(live::add);
      if (w.branch() != null) {
        live.add(WorktreeIdentity.derive(w.branch()).slug());
      }
    }
    for (WorktreeRecord r : repo.state().all()) {
      if (disk.isDirectory(Path.of(r.path()))) {
        live.add(r.slug());
      }
    }
    return live;
  }

  /**
   * Runs {@code action} holding the worktree's lock, when no other command holds it and the
   * worktree is still dead once the lock is held; empty otherwise (it is being made, or was just made).
   */
  <T> Optional<T> whileDead(Repo repo, String slug, Supplier<T> action) {
    return repo.state().ifWorktreeIdle(slug, () -> slugs(repo).contains(slug) ? Optional.<T>empty()
        : Optional.of(action.get())).flatMap(x -> x);
  }

  /** What gc reports for a leftover it leaves to a running command. */
  static GcUseCase.Item busy(String kind, String name, String slug) {
    return new GcUseCase.Item(kind, name, "kept: a wt command is making or removing the worktree " + slug
        + " right now (or it has come back)", GcUseCase.Outcome.KEPT);
  }

  private static Optional<String> marker(Repo repo, Path gitDir) {
    if (gitDir == null) {
      return Optional.empty();
    }
    try {
      return repo.gitFiles().readMarker(gitDir);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
