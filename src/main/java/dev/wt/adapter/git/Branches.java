package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.WRITE_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.git;

import dev.wt.adapter.process.Exec;
import dev.wt.port.Git.AheadBehind;
import dev.wt.port.Git.Pushed;
import java.nio.file.Path;
import java.util.List;

/** Branch operations: merged or not, ahead and behind, fetch, push, delete. */
final class Branches {

  /** Waits out the lock files a killed git may have left before wt removes them. */
  private final LockWait locks;
  private final RepoReads reads;

  Branches(LockWait locks, RepoReads reads) {
    this.locks = locks;
    this.reads = reads;
  }

  boolean isMerged(Path repo, String branch, String base) {
    String ref = "refs/heads/" + branch;
    if (git(repo, READ_TIMEOUT, "merge-base", "--is-ancestor", "--end-of-options", ref, base).ok()) {
      return true;
    }
    // squash or rebase merge: merging the branch into base changes nothing
    Exec.Result merged = git(repo, READ_TIMEOUT, "merge-tree", "--write-tree", "--end-of-options", base, ref);
    if (!merged.ok()) {
      return false;
    }
    String mergedTree = merged.stdout().lines().findFirst().orElse("").strip();
    Exec.Result baseTree = git(repo, READ_TIMEOUT, "rev-parse", "--verify", "--end-of-options", base + "^{tree}");
    return baseTree.ok() && baseTree.stdout().strip().equals(mergedTree);
  }

  AheadBehind aheadBehind(Path repo, String ref, String base) {
    Exec.Result r = git(repo, READ_TIMEOUT, "rev-list", "--left-right", "--count", "--end-of-options", base + "..." + ref, "--");
    if (!r.ok()) {
      return new AheadBehind(0, 0);
    }
    String[] parts = r.stdout().strip().split("\\s+");
    return new AheadBehind(Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
  }

  boolean branchMoved(Path repo, String branch) {
    Exec.Result r = git(repo, READ_TIMEOUT, "reflog", "show", "--format=%H", "refs/heads/" + branch, "--");
    // no reflog (switched off, or expired): nothing tells a new branch from an old one, so count it as worked on
    return !r.ok() || r.stdout().lines().filter(l -> !l.isBlank()).count() != 1;
  }

  void deleteBranch(Path repo, String branch, boolean force) {
    // git may name only the ref it could not remove, not the lock a killed git left on it
    Exec.Result r = StaleRefLocks.retrying(locks, () -> branchDelete(repo, branch, force),
        () -> {
          Path common = reads.locate(repo).commonDir();
          return List.of(common.resolve("refs/heads/" + branch + ".lock"), common.resolve("packed-refs.lock"));
        });
    if (!r.ok() && !reads.localBranchExists(repo, branch)) {
      return; // gone: an attempt that met a lock may have removed it and still reported the lock
    }
    check(r, "delete branch " + branch);
  }

  /**
   * {@code git branch -d/-D}, again when it died reading another worktree's admin folder that a
   * parallel {@code wt down} moved away under it (git looks at every worktree for the branch, and
   * dies on one that vanishes half-way: "Invalid path '.git/worktrees/x'").
   */
  private Exec.Result branchDelete(Path repo, String branch, boolean force) {
    Exec.Result r = git(repo, READ_TIMEOUT, "branch", force ? "-D" : "-d", branch);
    for (int attempt = 0; attempt < 5 && !r.ok() && r.stderr().contains("/worktrees/")
        && r.stderr().contains("No such file or directory"); attempt++) {
      r = git(repo, READ_TIMEOUT, "branch", force ? "-D" : "-d", branch);
    }
    return r;
  }

  void fetchBranch(Path repo, String remote, String branch) {
    // an explicit refspec: updates the remote-tracking ref whatever remote.<name>.fetch says
    check(git(repo, WRITE_TIMEOUT, "fetch", "--quiet", "--no-tags", "--end-of-options", remote,
        "+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch), "fetch " + branch + " from " + remote);
  }

  Pushed push(Path dir, String remote, String branch) {
    String ref = "refs/heads/" + branch;
    Exec.Result r = git(dir, WRITE_TIMEOUT, "push", "--porcelain", "--", remote, ref + ":" + ref);
    if (r.ok()) {
      return new Pushed(true, "");
    }
    // the porcelain line "!\tsrc:dst\t[remote rejected] (reason)" says why; else git's last error line
    String why = r.stdout().lines().filter(l -> l.startsWith("!")).map(l -> l.substring(l.lastIndexOf('\t') + 1))
        .findFirst().orElseGet(() -> r.stderr().strip().lines().filter(l -> !l.startsWith("hint:"))
            .reduce((a, b) -> b).orElse("exit code " + r.exitCode()));
    // what the remote's hook printed is the real reason ("remote: pushes are closed today")
    String said = r.stderr().lines().filter(l -> l.startsWith("remote: ")).map(l -> l.substring(8).strip())
        .filter(l -> !l.isEmpty()).limit(3).collect(java.util.stream.Collectors.joining(" / "));
    return new Pushed(false, why.strip() + (said.isEmpty() ? "" : " (the remote said: " + said + ")"));
  }
}
