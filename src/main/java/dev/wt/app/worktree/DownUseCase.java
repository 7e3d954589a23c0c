package dev.wt.app.worktree;

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
import java.util.stream.Collectors;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/**
 * Removes a worktree without losing work: refuses uncommitted changes and commits nothing else
 * holds, moves the user's ignored files to wt's trash, and deletes only a merged branch wt created.
 */
public final class DownUseCase {

  private static final int LISTED = 10;

  private final Services services;
  private final TeardownUseCase teardown;
  private final List<WorktreeStopper> stoppers;
  private final UnsavedWork work;
  private final UnsavedCommits commits;

  public DownUseCase(Services services, TeardownUseCase teardown, List<WorktreeStopper> stoppers) {
    this.services = services;
    this.teardown = teardown;
    this.stoppers = List.copyOf(stoppers);
    this.work = new UnsavedWork(services);
    this.commits = new UnsavedCommits(services.git());
  }

  /** Something that must stop using a worktree before its folder goes (its processes). */
  @FunctionalInterface
  public interface WorktreeStopper {
    void stop(Path worktree, Reporter reporter);
  }

  /**
   * What the user asked for.
   *
   * @param shellCwd where wt was started, which {@code -C} does not change: the shell standing there
   *     must not lose its folder
   * @param deleteBranch delete the branch (when merged, or when forced) even though wt did not create it
   * @param purge delete the user's ignored files instead of moving them to wt's trash
   */
  public record Request(String target, boolean force, boolean keepBranch, Path shellCwd, boolean deleteBranch,
      boolean purge) {
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
    List<Git.WorktreeEntry> worktrees = git.worktrees(main);
    WorktreeTarget.Named target = WorktreeTarget.named(repo, cwd, request.target(), worktrees);
    Optional<WorktreeRecord> named = target.record();
    Optional<Git.WorktreeEntry> entry = target.live();

    if (entry.isEmpty()) {
      Optional<WorktreeRecord> orphan = named;
      if (orphan.isPresent()) {
        reporter.warn("the worktree of " + request.target() + " is already gone; finishing its teardown");
        git.pruneWorktrees(main);
        // an interrupted down may have removed the folder but not the branch: same rule as always
        String branch = orphan.get().identity().branch();
        String branchOutcome = branch(repo, branch, planBranch(repo, branch, orphan, request), reporter);
        TeardownUseCase.Result t = teardown.release(repo, orphan.get(), reporter);
        return new Result(orphan.get().path(), branch, false, branchOutcome, t, List.of(), null, 0);
      }
      throw WtException.refused("no worktree for '" + request.target() + "'",
          "wt list shows the worktrees; pass a branch name or a worktree path");
    }
    Git.WorktreeEntry wt = entry.get();
    if (wt.main()) {
      throw WtException.refused("refusing to remove the main worktree " + wt.path(), "pass a linked worktree");
    }
    for (Path here : request.shellCwd() == null ? List.of(cwd) : List.of(cwd, request.shellCwd())) {
      if (RealPaths.of(here).startsWith(wt.path())) {
        throw WtException.refused("you are inside " + wt.path(), "cd " + main + " first, then run wt down again");
      }
    }
    boolean present = services.disk().isDirectory(wt.path());
    Path gitDir = present ? Repo.gitDirOf(wt.path()) : null;
    // a folder deleted by hand leaves its git dir, and the submodules in it, until git prunes them
    Path commitsGitDir = present ? gitDir : UnsavedCommits.orphanedGitDir(repo.location().commonDir(), wt.path());
    Optional<WorktreeRecord> record = repo.recordFor(wt.path(), gitDir, wt.branch());
    if (record.isPresent() && !record.get().databases().isEmpty()) {
      teardown.warm(repo); // connects while the checks below run; nothing is dropped before they pass
    }
    String slug = record.map(WorktreeRecord::slug).orElseGet(() ->
        WorktreeIdentity.derive(wt.branch() != null ? wt.branch() : wt.path().getFileName().toString()).slug());

    java.util.concurrent.FutureTask<List<String>> dirtyCheck = null;
    if (present && !request.force()) {
      if (wt.locked()) {
        throw WtException.refused("worktree " + wt.path() + " is locked", "git worktree unlock it, or pass --force");
      }
      // git status of the folder and the reads of refs below are independent: both run at once
      dirtyCheck = new java.util.concurrent.FutureTask<>(() -> work.uncommitted(wt.path(), record));
      Thread t = new Thread(dirtyCheck, "wt-status");
      t.setDaemon(true);
      t.start();
    }
    BranchPlan plan;
    List<UnsavedCommits.Lost> lost;
    try {
      plan = planBranch(repo, wt.branch(), record, request);
      lost = commits.find(main, wt, commitsGitDir, worktrees, plan.action() == BranchPlan.Action.DELETE_FORCED);
    } finally {
      List<String> dirty = dirtyCheck == null ? List.of() : joined(dirtyCheck);
      if (!dirty.isEmpty()) {
        throw WtException.refused("worktree " + wt.path() + " has uncommitted changes that would be lost: " + listed(dirty),
            "commit or stash them (cd " + wt.path() + " && git status), or pass --force to discard them");
      }
    }
    if (!lost.isEmpty() && !request.force()) {
      throw refuseLost(main, wt.path(), slug, lost);
    }
    List<String> saved = new ArrayList<>();
    for (UnsavedCommits.Lost l : lost) {
      saved.add(commits.save(l, main, repo.location().commonDir(), slug));
      reporter.done(saved.get(saved.size() - 1));
    }

    for (WorktreeStopper s : stoppers) {
      s.stop(wt.path(), reporter);
    }
    // the checks passed and nothing runs there any more: the databases go while the folder does
    java.util.concurrent.Future<TeardownUseCase.Released> releasing = record
        .filter(r -> r.databases().stream().allMatch(dev.wt.core.OwnedDatabase::postgres))
        .map(r -> teardown.startRelease(repo, r, reporter)).orElse(null);
    Trashed trashed = new Trashed(null, 0);
    String branchOutcome;
    try {
      if (present) {
        trashed = keepIgnored(repo, wt.path(), record, slug, request.purge(), reporter);
        if (!moveAside(repo, wt.path(), gitDir, slug)) {
          git.removeWorktree(main, wt.path(), true);
        }
        reporter.done("removed worktree " + wt.path());
      } else {
        git.pruneWorktrees(main);
        reporter.done("pruned missing worktree " + wt.path());
      }
      branchOutcome = branch(repo, wt.branch(), plan, reporter);
    } catch (RuntimeException e) {
      if (releasing != null) {
        joined(releasing); // no drop is cut off half-way when wt exits; the record says what is left
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
   * Removes the worktree as {@code git worktree remove --force --force} would, without waiting for
   * its files: renames its folder into the trash's {@code .deleting}, then its admin folder in the
   * git dir (git forgets a worktree whose admin folder is gone), and deletes both in the background.
   * False, with nothing changed, when the folder is on another file system than the git dir.
   */
  private boolean moveAside(Repo repo, Path worktree, Path gitDir, String slug) {
    Path common = repo.location().commonDir();
    if (gitDir == null || !RealPaths.of(gitDir).getParent().equals(common.resolve("worktrees"))) {
      return false;
    }
    Path doomed = Trash.of(common).deletionFor(slug, Instant.now());
    if (!services.files().moveAside(worktree, doomed.resolve("worktree"))) {
      return false;
    }
    if (!services.files().moveAside(RealPaths.of(gitDir), doomed.resolve("gitdir"))) {
      services.git().pruneWorktrees(repo.main()); // its folder is gone now: git drops the entry
    }
    services.files().deleteDetached(doomed);
    return true;
  }

  /** Where the user's ignored files went, and how many there were. */
  private record Trashed(Path folder, int files) {}

  /** Moves the user's ignored files to the trash (or, with --purge, only names them). */
  private Trashed keepIgnored(Repo repo, Path worktree, Optional<WorktreeRecord> record, String slug, boolean purge,
      Reporter reporter) {
    List<String> ignored = work.ignored(worktree, record);
    if (ignored.isEmpty()) {
      return new Trashed(null, 0);
    }
    if (purge) {
      reporter.done("deleting " + ignored.size() + " ignored file(s) and folder(s) wt did not make (--purge): "
          + listed(ignored));
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

  private static String listed(List<String> items) {
    String shown = items.stream().limit(LISTED).collect(Collectors.joining(", "));
    return shown + (items.size() > LISTED ? " and " + (items.size() - LISTED) + " more" : "");
  }

  private static WtException refuseLost(Path main, Path worktree, String slug, List<UnsavedCommits.Lost> lost) {
    int n = UnsavedCommits.count(lost);
    List<String> submodules = UnsavedCommits.submodules(lost);
    List<String> keep = new ArrayList<>();
    lost.stream().filter(l -> l.submodule() == null).findFirst().ifPresent(l ->
        keep.add("give them a branch (git -C " + main + " branch <name> " + l.tip().substring(0, 12) + ")"));
    for (String m : submodules) {
      keep.add("push those of " + m + " (git -C " + worktree.resolve(m) + " push origin HEAD:refs/heads/<name>)");
    }
    return WtException.refused("worktree " + worktree + " holds " + n + (n == 1 ? " commit" : " commits")
            + " that no branch, tag or other worktree has, which would be lost: " + listed(UnsavedCommits.describe(lost)),
        String.join("; ", keep) + "; or pass --force to save them under " + UnsavedCommits.SAVED + slug + "/");
  }

  private BranchPlan planBranch(Repo repo, String branch, Optional<WorktreeRecord> record, Request request) {
    Git git = services.git();
    boolean exists = branch != null && git.localBranchExists(repo.main(), branch);
    BranchPlan.Facts facts = new BranchPlan.Facts(branch, repo.base(), exists,
        record.map(r -> r.branchCreated() && createdByUp(repo, r.identity().branch(), branch)).orElse(false),
        git.refExists(repo.main(), repo.base()));
    return BranchPlan.decide(facts, new BranchPlan.Flags(request.force(), request.keepBranch(), request.deleteBranch()),
        () -> git.isMerged(repo.main(), branch, repo.base()));
  }

  /**
   * Whether the worktree's branch is the one {@code up} created: the same name, or that branch
   * renamed (Conductor renames them; the old name is then gone). A branch the user switched to
   * while the created one still exists is the user's.
   */
  private boolean createdByUp(Repo repo, String created, String current) {
    return created.equals(current) || !services.git().localBranchExists(repo.main(), created);
  }

  /** Carries out the plan for the branch and says what happened. */
  private String branch(Repo repo, String branch, BranchPlan plan, Reporter reporter) {
    Git git = services.git();
    String base = repo.base();
    switch (plan.action()) {
      case DETACHED:
        return "detached";
      case GONE:
        return "gone";
      case KEEP:
        reporter.unchanged("kept branch " + branch + (plan.reason().startsWith("--") ? " (" + plan.reason() + ")"
            : ": " + plan.reason()));
        return "kept";
      case KEEP_UNMERGED:
        if (git.refExists(repo.main(), base)) {
          Git.AheadBehind ab = git.aheadBehind(repo.main(), "refs/heads/" + branch, base);
          reporter.warn("kept branch " + branch + ": " + ab.ahead() + " commit(s) not merged into " + base
              + " (wt down --force deletes it anyway)");
        } else {
          reporter.warn("kept branch " + branch + ": " + plan.reason());
        }
        return "kept-unmerged";
      default:
        break;
    }
    Optional<String> at = git.resolve(repo.main(), "refs/heads/" + branch);
    if (at.isEmpty()) {
      return "gone"; // a re-run after a crash
    }
    String sha = at.get().substring(0, Math.min(12, at.get().length()));
    git.deleteBranch(repo.main(), branch, true);
    if (plan.action() == BranchPlan.Action.DELETE_FORCED) {
      reporter.done("deleted branch " + branch + " (--force; it was at " + sha + ": git branch " + dev.wt.core.Shell.quote(branch)
          + " " + sha + " brings it back)");
    } else {
      reporter.done("deleted branch " + branch + " (" + plan.reason() + "), it was at " + sha);
    }
    return "deleted";
  }
}
