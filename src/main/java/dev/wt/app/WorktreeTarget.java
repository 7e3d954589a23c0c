package dev.wt.app;

import dev.wt.core.Shell;
import dev.wt.core.WtException;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Git;
import dev.wt.port.RealPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one resolver of "the worktree the user named, or stands in" for down, stop, teardown, env
 * and db: by folder, by the branch checked out there, by the branch or slug it was provisioned with.
 */
public final class WorktreeTarget {

  private WorktreeTarget() {}

  /**
   * What a name resolves to.
   *
   * @param live the worktree git lists for it, if there is one
   * @param record the record whose frozen identity the user named (its original branch or its
   *     slug), found even when its worktree is gone
   */
  public record Named(Optional<Git.WorktreeEntry> live, Optional<WorktreeRecord> record) {

    /** The folder it means: the live worktree's, else the recorded one. */
    public Optional<Path> path() {
      return live.map(Git.WorktreeEntry::path).or(() -> record.map(r -> Path.of(r.path())));
    }
  }

  /**
   * Resolves {@code target}: a worktree's folder (relative to {@code cwd}), else the branch a
   * worktree has checked out, else a record's original branch or slug, whose live worktree is
   * found by its marker after a rename or a move.
   */
  public static Named named(Repo repo, Path cwd, String target, List<Git.WorktreeEntry> worktrees) {
    Optional<WorktreeRecord> record = recordNamed(repo, target);
    Path asPath = RealPaths.of(cwd.resolve(target));
    Optional<Git.WorktreeEntry> byPath = worktrees.stream().filter(w -> w.path().equals(asPath)).findFirst();
    Optional<Git.WorktreeEntry> byBranch = worktrees.stream().filter(w -> target.equals(w.branch())).findFirst();
    if (byPath.isPresent() && byBranch.isPresent() && !byPath.get().path().equals(byBranch.get().path())) {
      // a guess here could take down (with --force, discard) the other worktree's work
      throw WtException.refused("'" + target + "' names two worktrees: the folder " + byPath.get().path()
              + " and the worktree of branch " + target + " at " + byBranch.get().path(),
          "name the one you mean by its full path: " + Shell.quote(byPath.get().path().toString()) + " or "
              + Shell.quote(byBranch.get().path().toString()));
    }
    Optional<Git.WorktreeEntry> live = byPath.or(() -> byBranch)
        .or(() -> record.flatMap(r -> repo.liveWorktreeOf(r, worktrees)));
    return new Named(live, record);
  }

  /** The record whose frozen identity the user named: its original branch, or its slug. */
  public static Optional<WorktreeRecord> recordNamed(Repo repo, String target) {
    return repo.recordForBranch(target)
        .or(() -> WorktreeIdentity.isSlug(target) ? repo.state().bySlug(target) : Optional.empty());
  }

  /** The record of the worktree {@code repo} was opened in (where the user stands); empty when wt did not provision it. */
  public static Optional<WorktreeRecord> here(Repo repo) {
    Git.RepoLocation loc = repo.location();
    return repo.recordFor(loc.worktreeRoot(), loc.gitDir(), loc.branch());
  }

  /** The record made for the folder {@code path}, which need not exist any more. */
  public static Optional<WorktreeRecord> at(Repo repo, Path path) {
    String wanted = RealPaths.of(path).toString();
    return repo.state().all().stream().filter(r -> r.path().equals(wanted)).findFirst();
  }
}
