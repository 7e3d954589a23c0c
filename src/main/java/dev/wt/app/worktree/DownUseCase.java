package dev.wt.app.worktree;

import dev.wt.core.Shell;
import dev.wt.core.Trash;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/**
 * Removes a worktree without losing work: refuses uncommitted changes and commits nothing else
 * holds, moves the user's ignored files to wt's trash, and deletes only a merged branch wt created.
 */
public final class DownUseCase {

  private final Services services;
  private final TeardownUseCase teardown;
  private final List<WorktreeStopper> stoppers;
  private final UnsavedWork work;
  private final UnsavedCommits commits;
  private final BranchPusher pusher;
  private final HalfRemoved halfRemoved;
  private final VanishedWorktree vanished;
  private final DownBranch branches;
  private final dev.wt.app.TaskBorrowers borrowers;

  public DownUseCase(Services services, TeardownUseCase teardown, List<WorktreeStopper> stoppers) {
    this.services = services;
    this.teardown = teardown;
    this.stoppers = List.copyOf(stoppers);
    this.work = new UnsavedWork(services);
    this.commits = new UnsavedCommits(services.git(), services.disk());
    this.pusher = new BranchPusher(services.git());
    this.halfRemoved = new HalfRemoved(services.disk());
    this.vanished = new VanishedWorktree(services);
    this.branches = new DownBranch(services.git());
    this.borrowers = new dev.wt.app.TaskBorrowers(services);
  }

  /** Something that must stop using a worktree before its folder goes (its processes). */
  @FunctionalInterface
  public interface WorktreeStopper {
    void stop(Path worktree, Reporter reporter);

    /** Whether something it spared (a shell, an editor) still works in {@code folder}. */
    default boolean working(Path folder) {
      return false;
    }
  }

  /**
   * What the user asked for.
   *
   * @param shellCwd where wt was started, which {@code -C} does not change: the shell standing there
   *     must not lose its folder
   * @param deleteBranch delete the branch (when merged, or when forced) even though wt did not create it
   * @param purge delete the user's ignored files instead of moving them to wt's trash
   * @param push push the branches with commits their remote lacks first; a failed push removes nothing
   */
  public record Request(String target, boolean force, boolean keepBranch, Path shellCwd, boolean deleteBranch,
      boolean purge, boolean push) {
    public Request(String target, boolean force, boolean keepBranch, Path shellCwd, boolean deleteBranch,
        boolean purge) {
      this(target, force, keepBranch, shellCwd, deleteBranch, purge, false);
    }

    public Request(String target, boolean force, boolean keepBranch, Path shellCwd) {
      this(target, force, keepBranch, shellCwd, false, false);
    }

    public Request(String target, boolean force, boolean keepBranch) {
      this(target, force, keepBranch, null);
    }
  }

  /**
   * What down did.
   *
   * @param saved where commits only the worktree held were saved ({@code --force})
   * @param trash the trash folder the user's ignored files were moved to, null when none were
   * @param trashedFiles how many files were moved there
   */
  public record Result(String path, String branch, boolean worktreeRemoved, String branchOutcome,
      TeardownUseCase.Result teardown, List<String> saved, String trash, int trashedFiles) {}

  public Result down(Path cwd, Request request, Reporter reporter) {
    Git git = services.git();
    Repo repo = Repo.open(services, cwd);
    Path main = repo.main();
    dev.wt.app.gc.PendingDeletions.resume(services, repo.location().commonDir());
    // the list locating the repository read a moment ago; when another wt held the lock below, read again
    List<Git.WorktreeEntry> worktrees = repo.location().worktrees() != null ? repo.location().worktrees() : git.worktrees(main);
    WorktreeTarget.Named first = WorktreeTarget.named(repo, cwd, request.target(), worktrees);
    String lockSlug = first.record().map(WorktreeRecord::slug)
        .or(() -> first.live().map(w -> WorktreeIdentity.derive(w.branch() != null ? w.branch()
            : w.path().getFileName().toString()).slug()))
        .orElse(null);
    if (lockSlug == null) {
      return downHeld(cwd, request, repo, worktrees, first, reporter);
    }
    // the worktree's own lock, as up and setup take it: an up of the same branch waits until this
    // down is done instead of reusing a record and folder that are on their way out
    java.util.concurrent.atomic.AtomicBoolean waited = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable notice = SetupState.waitingNotice(reporter);
    return repo.state().lockedWorktree(lockSlug, () -> {
      waited.set(true);
      notice.run();
    }, () -> {
      if (!waited.get()) {
        return downHeld(cwd, request, repo, worktrees, first, reporter);
      }
      List<Git.WorktreeEntry> now = git.worktrees(main); // another command had it: read again
      return downHeld(cwd, request, repo, now, WorktreeTarget.named(repo, cwd, request.target(), now), reporter);
    });
  }

  private Result downHeld(Path cwd, Request request, Repo repo, List<Git.WorktreeEntry> worktrees,
      WorktreeTarget.Named target, Reporter reporter) {
    Git git = services.git();
    Path main = repo.main();
    Optional<WorktreeRecord> named = target.record();
    // git's entry of the recorded folder, gone with its branch (detached, renamed): its commits count too
    Optional<Git.WorktreeEntry> entry = target.live().or(() -> named.flatMap(r -> worktrees.stream()
        .filter(w -> !w.main() && w.path().equals(Path.of(r.path())) && !services.disk().isDirectory(w.path()))
        .findFirst()));

    if (entry.isEmpty()) {
      return finishTeardown(repo, named, request, reporter);
    }
    Git.WorktreeEntry wt = UnfinishedCheckout.finish(git, repo, entry.get(), request.force(), reporter);
    if (wt.main()) {
      throw WtException.refused("refusing to remove the main worktree " + wt.path(), "pass a linked worktree");
    }
    for (Path here : request.shellCwd() == null ? List.of(cwd) : List.of(cwd, request.shellCwd())) {
      if (RealPaths.of(here).startsWith(wt.path())) {
        throw WtException.refused("you are inside " + wt.path(), "cd " + main + " first, then run wt down again");
      }
    }
    for (Git.WorktreeEntry inner : worktrees) {
      // another worktree made inside this one's folder would go with it, its work too: --force is not meant for it
      if (!inner.main() && !inner.path().equals(wt.path()) && inner.path().startsWith(wt.path())) {
        throw WtException.refused("the worktree at " + inner.path() + (inner.branch() == null ? "" : " (" + inner.branch() + ")")
            + " lives inside " + wt.path(), "wt down " + Shell.quote(inner.branch() != null ? inner.branch()
            : inner.path().toString()) + " (or git worktree move it elsewhere) first, then run wt down again");
      }
    }
    boolean present = services.disk().isDirectory(wt.path())
        && !halfRemoved.finish(repo.location().commonDir(), wt.path(), reporter);
    if (!present && !request.force() && !wt.locked()) {
      // moved by hand beside where it was: its work, and its databases', are alive at the new path
      Optional<Path> moved = MovedWorktree.find(services.disk(), repo.location().commonDir(), wt.path());
      if (moved.isPresent()) {
        throw WtException.refused("the worktree " + wt.path() + " was " + MovedWorktree.repairHint(moved.get()),
            "then wt down " + Shell.quote(moved.get().toString()) + "; wt down --force removes what is left of it "
                + "here (its databases and git's entry) and keeps the moved folder");
      }
    }
    Path gitDir = present ? repo.gitDirOf(wt.path()) : null;
    // a folder deleted by hand leaves its git dir, and the submodules in it, until git prunes them
    Path commitsGitDir = present ? gitDir : commits.orphanedGitDir(repo.location().commonDir(), wt.path());
    Optional<WorktreeRecord> record = repo.recordFor(wt.path(), gitDir, wt.branch());
    if (record.isPresent() && !record.get().databases().isEmpty()) {
      teardown.warm(repo); // connects while the checks below run; nothing is dropped before they pass
    }
    String slug = record.map(WorktreeRecord::slug).orElseGet(() ->
        WorktreeIdentity.derive(wt.branch() != null ? wt.branch() : wt.path().getFileName().toString()).slug());

    // git status of the folder runs on its own thread beside the ref reads of the branch plan
    java.util.concurrent.FutureTask<List<String>> dirtyCheck = null;
    if (present && !request.force() && !wt.locked()) {
      dirtyCheck = new java.util.concurrent.FutureTask<>(() -> work.uncommitted(wt.path(), record));
      Thread status = new Thread(dirtyCheck, "wt-status");
      status.setDaemon(true);
      status.start();
    }
    java.util.concurrent.FutureTask<List<String>> dirtyRun = dirtyCheck;
    List<Path> using = request.force() || record.isEmpty() ? List.of() : borrowers.of(record.get());
    if (!using.isEmpty()) {
      // the lock and uncommitted changes are refused first: the borrowers' hint offers --force, which
      // would discard them too
      WorkAtRisk.check(new WorkAtRisk.Facts(main, wt.path(), slug, present, wt.locked()), false,
          () -> dirtyRun != null ? joined(dirtyRun) : work.uncommitted(wt.path(), record), List::of);
      borrowers.refuseWhileUsed(record.get(), using, "wt down " + Shell.quote(request.target()));
    }
    BranchPlan plan = branches.plan(repo, wt.branch(), record, request);
    List<UnsavedCommits.Lost> lost = WorkAtRisk.check(new WorkAtRisk.Facts(main, wt.path(), slug, present, wt.locked()),
        request.force(), () -> dirtyRun != null ? joined(dirtyRun) : work.uncommitted(wt.path(), record),
        () -> {
          if (request.push()) {
            // after the uncommitted check, before the lost-commit one: a pushed branch is no longer only here
            pusher.push(main, wt.branch(), present ? wt.path() : null, reporter);
          }
          return commits.find(main, wt, commitsGitDir, worktrees, plan.action() == BranchPlan.Action.DELETE_FORCED);
        });
    List<String> saved = new ArrayList<>();
    for (UnsavedCommits.Lost l : lost) {
      saved.add(commits.save(l, main, repo.location().commonDir(), slug));
      reporter.done(saved.get(saved.size() - 1));
    }

    // before anything goes: they may need the worktree, its env, its databases
    record.ifPresent(r -> teardown.runCommands(repo, r, reporter));
    for (WorktreeStopper s : stoppers) {
      s.stop(wt.path(), reporter);
    }
    Trashed trashed = remove(repo, wt, present, gitDir, record, slug, request.purge(), request.force(), reporter);
    // the folder is gone: PostgreSQL databases on a url or embedded server go while the branch does
    // (the other kinds, which run programs, are released after it, as always). Not before: a removal
    // that fails must leave the worktree with everything it had.
    java.util.concurrent.Future<TeardownUseCase.Released> releasing = record
        .filter(r -> r.databases().stream().allMatch(d -> d.postgres()
            && (d.mode() == dev.wt.core.ServerMode.URL || d.mode() == dev.wt.core.ServerMode.EMBEDDED)))
        .filter(r -> repo.config().services().composeFile() == null)
        .map(r -> teardown.startRelease(repo, r, reporter)).orElse(null);
    String branchOutcome;
    try {
      branchOutcome = branches.carryOut(repo, wt.branch(), plan, reporter);
    } catch (RuntimeException e) {
      if (releasing != null) {
        try {
          joined(releasing); // no drop is cut off half-way when wt exits; the record says what is left
        } catch (RuntimeException also) {
          e.addSuppressed(also);
        }
      }
      throw e;
    }
    TeardownUseCase.Result t = record.map(r -> releasing != null ? teardown.finish(repo, r, releasing, reporter)
            : teardown.release(repo, r, reporter))
        .orElse(new TeardownUseCase.Result(null, wt.path().toString(), List.of()));
    return new Result(wt.path().toString(), wt.branch(), true, branchOutcome, t, saved,
        trashed.folder() == null ? null : trashed.folder().toString(), trashed.files());
  }

  /**
   * With no worktree left of what the user named, finishes the teardown of its record (an earlier
   * down was cut off), or refuses when there is none.
   */
  private Result finishTeardown(Repo repo, Optional<WorktreeRecord> orphan, Request request, Reporter reporter) {
    if (orphan.isEmpty()) {
      throw WtException.refused("no worktree for '" + request.target() + "'",
          "wt list shows the worktrees; pass a branch name or a worktree path");
    }
    if (!request.force()) {
      borrowers.refuseWhileBorrowed(orphan.get(), "wt down " + Shell.quote(request.target()));
    }
    reporter.warn("the worktree of " + request.target() + " is already gone; finishing its teardown");
    // an interrupted down may have removed the folder but not the branch: same rule as always
    String branch = orphan.get().identity().branch();
    teardown.runCommands(repo, orphan.get(), reporter);
    if (request.push() && services.git().localBranchExists(repo.main(), branch)) {
      pusher.push(repo.main(), branch, null, reporter);
    }
    String branchOutcome = branches.carryOut(repo, branch, branches.plan(repo, branch, orphan, request), reporter);
    TeardownUseCase.Result t = teardown.release(repo, orphan.get(), reporter);
    return new Result(orphan.get().path(), branch, false, branchOutcome, t, List.of(), null, 0);
  }

  /**
   * Stops what runs in the worktree, keeps the user's ignored files, then removes the folder (or,
   * when it is gone already, git's entry of it).
   *
   * @param present whether its folder is there
   * @param gitDir the worktree's git dir, null when unknown
   * @param force whether uncommitted changes are being discarded (a spare is then checked for changed attributes)
   */
  private Trashed remove(Repo repo, Git.WorktreeEntry wt, boolean present, Path gitDir, Optional<WorktreeRecord> record,
      String slug, boolean purge, boolean force, Reporter reporter) {
    Path worktree = wt.path();
    if (!present) {
      vanished.forget(repo.main(), wt, wt.locked()); // a locked one gets here only with --force
      reporter.done("pruned missing worktree " + worktree);
      return new Trashed(null, 0);
    }
    Trashed trashed = keepIgnored(repo, worktree, record, slug, purge, reporter);
    if (!moveAside(repo, wt, gitDir, slug, force)) {
      halfRemoved.mark(gitDir); // git deletes file by file: a re-run after a kill finishes the job
      try {
        services.git().removeWorktree(repo.main(), worktree, true);
      } catch (WtException e) {
        halfRemoved.unmark(gitDir);
        throw e;
      }
    }
    reporter.done("removed worktree " + worktree);
    return trashed;
  }

  /**
   * Removes the worktree as {@code git worktree remove --force --force} would, without waiting for
   * its files: renames its folder into the trash's {@code .deleting}, then its admin folder in the
   * git dir (git forgets a worktree whose admin folder is gone), and deletes both in the background.
   * False, with nothing changed, when the folder is on another file system than the git dir.
   */
  private boolean moveAside(Repo repo, Git.WorktreeEntry wt, Path gitDir, String slug, boolean force) {
    Path worktree = wt.path();
    Path common = repo.location().commonDir();
    if (gitDir == null || !RealPaths.of(gitDir).getParent().equals(common.resolve("worktrees"))) {
      return false;
    }
    SpareKeeper spares = new SpareKeeper(services);
    // what git does not track is listed while git still knows the worktree: all of it goes
    // a forced down may discard a changed .gitattributes, which files rewritten since may have followed
    Git.PlainCheckout plain = spares.reusable(repo, worktree, gitDir)
        && (!force || services.git().dirtyPaths(worktree).stream().noneMatch(SpareKeeper::isAttributes))
        ? plainCheckout(worktree) : null;
    Path doomed = Trash.of(common).deletionFor(slug, Instant.now());
    if (!services.files().moveAside(worktree, doomed.resolve("worktree"))) {
      return false;
    }
    if (!services.files().moveAside(RealPaths.of(gitDir), doomed.resolve("gitdir"))) {
      vanished.forget(repo.main(), wt, true); // its folder is gone now: git drops its entry (checked above)
    } else if (plain != null && stoppers.stream().noneMatch(s -> s.working(doomed.resolve("worktree")))) {
      // (a shell it spared would find itself in the next worktree: its folder moves with the files)
      spares.keep(repo, doomed, plain, slug); // the next wt up reuses the folder
    }
    services.files().deleteDetached(doomed);
    return true;
  }

  /**
   * The worktree's untracked and ignored entries and its {@code .gitattributes}; null (keep no
   * spare) when git cannot list them or a tracked file is one git would not compare with the disk.
   */
  private Git.PlainCheckout plainCheckout(Path worktree) {
    try {
      return services.git().plainCheckout(worktree).orElse(null);
    } catch (WtException e) {
      return null;
    }
  }

  /** Where the user's ignored files went, and how many there were. */
  private record Trashed(Path folder, int files) {}

  /** Moves the user's ignored files to the trash (or, with --purge, only names them). */
  private Trashed keepIgnored(Repo repo, Path worktree, Optional<WorktreeRecord> record, String slug, boolean purge,
      Reporter reporter) {
    List<String> ignored = work.ignored(worktree, record, reporter::warn);
    if (ignored.isEmpty()) {
      return new Trashed(null, 0);
    }
    if (purge) {
      reporter.done("deleting " + ignored.size() + " ignored file(s) and folder(s) wt did not make (--purge): "
          + WorkAtRisk.listed(ignored));
      return new Trashed(null, 0);
    }
    Path folder = Trash.of(repo.location().commonDir()).folderFor(slug, Instant.now());
    int files = 0;
    for (String e : ignored) {
      String rel = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
      files += services.files().moveAway(worktree.resolve(rel), folder.resolve(rel));
    }
    reporter.done("moved " + files + " ignored file(s) wt did not make to " + folder + " (kept " + Trash.KEEP.toDays()
        + " days; wt down --purge deletes them instead)");
    return new Trashed(folder, files);
  }

  /** The value of a step run on its own thread; its failure is thrown here, as if it had run in line. */
  private static <T> T joined(java.util.concurrent.Future<T> step) {
    try {
      return step.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment("interrupted", "run wt down again to finish");
    }
  }
}
