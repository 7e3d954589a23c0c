package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.core.Shell;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.util.Optional;

/**
 * The branch of a worktree {@code wt down} removes: what to do with it ({@link BranchPlan}, from
 * what git and the record say) and doing it, with a report that says why.
 */
final class DownBranch {

  private final Git git;

  DownBranch(Git git) {
    this.git = git;
  }

  /** Decides what happens to {@code branch}; asks git whether it is merged only when that decides. */
  BranchPlan plan(Repo repo, String branch, Optional<WorktreeRecord> record, DownUseCase.Request request) {
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
    return created.equals(current) || !git.localBranchExists(repo.main(), created);
  }

  /** Carries out the plan for the branch and says what happened. */
  String carryOut(Repo repo, String branch, BranchPlan plan, Reporter reporter) {
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
      reporter.done("deleted branch " + branch + " (" + plan.reason() + "; it was at " + sha + ": git branch "
          + Shell.quote(branch) + " " + sha + " brings it back)");
    } else {
      reporter.done("deleted branch " + branch + " (" + plan.reason() + "), it was at " + sha);
    }
    return "deleted";
  }
}
