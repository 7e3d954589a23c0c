package dev.wt.adapter.git;

import dev.wt.port.Git;
import dev.wt.port.ProcessTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link Git} through the git command line: git's own on-disk format, hooks and filters. The work
 * is done by its collaborators, one per kind of git use; every git process runs through {@link GitRunner}.
 */
public final class GitCli implements Git {

  private final RepoReads reads = new RepoReads();
  private final Checkouts checkouts;
  private final FileReads files = new FileReads();
  private final Branches branches;
  private final CommitRefs commits = new CommitRefs(reads);

  /**
   * @param processes tells which process may hold a lock file git left
   * @param waiting told, once, which process wt waits for when a lock stays
   */
  public GitCli(ProcessTable processes, Consumer<String> waiting) {
    this(new LockWait(new LockHolders(processes), waiting, LockWait.GRACE, LockWait.LIMIT));
  }

  /** @param locks waits out the lock files a killed git may have left before wt removes them */
  GitCli(LockWait locks) {
    this.checkouts = new Checkouts(locks, reads);
    this.branches = new Branches(locks, reads);
  }

  @Override
  public RepoLocation locate(Path dir) {
    return reads.locate(dir);
  }

  @Override
  public BaseRefs baseRefs(Path repo) {
    Optional<BaseRefs> read = reads.baseRefs(repo);
    return read.isPresent() ? read.get() : Git.super.baseRefs(repo);
  }

  @Override
  public List<WorktreeEntry> worktrees(Path repo) {
    return reads.worktrees(repo);
  }

  @Override
  public boolean isValidBranchName(Path repo, String name) {
    return reads.isValidBranchName(repo, name);
  }

  @Override
  public boolean localBranchExists(Path repo, String branch) {
    return reads.localBranchExists(repo, branch);
  }

  @Override
  public boolean remoteBranchExists(Path repo, String remote, String branch) {
    return reads.remoteBranchExists(repo, remote, branch);
  }

  @Override
  public List<Submodule> uninitialisedSubmodules(Path worktree) {
    return GitModules.uninitialised(worktree);
  }

  @Override
  public void initSubmodule(Path worktree, Submodule sub, Path from) {
    checkouts.initSubmodule(worktree, sub, from);
  }

  @Override
  public void fetchBranch(Path repo, String remote, String branch) {
    branches.fetchBranch(repo, remote, branch);
  }

  @Override
  public Optional<String> remoteDefaultBranch(Path repo) {
    return reads.remoteDefaultBranch(repo);
  }

  @Override
  public boolean refExists(Path repo, String ref) {
    return reads.refExists(repo, ref);
  }

  @Override
  public Optional<String> blockingRef(Path repo, String ref) {
    return reads.blockingRef(repo, ref);
  }

  @Override
  public java.util.Set<String> refNames(Path repo, List<String> patterns) {
    return reads.refNames(repo, patterns);
  }

  @Override
  public void addWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    checkouts.addWorktree(repo, path, branch, how, startPoint);
  }

  @Override
  public void addEmptyWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    checkouts.addEmptyWorktree(repo, path, branch, how, startPoint);
  }

  @Override
  public void removeWorktree(Path repo, Path path, boolean force) {
    checkouts.removeWorktree(repo, path, force);
  }

  @Override
  public void finishCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    checkouts.finishCheckout(repo, worktree, gitDir, branch);
  }

  @Override
  public void finishReusedCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    checkouts.finishReusedCheckout(repo, worktree, gitDir, branch);
  }

  @Override
  public Optional<Map<String, String>> attributeFiles(Path repo, String commit) {
    return files.attributeFiles(repo, commit);
  }

  @Override
  public boolean attributesMoved(Path repo, List<HeadMove> moves) {
    return files.attributesMoved(repo, moves);
  }

  @Override
  public Optional<Path> hookFile(Path repo, String name) {
    return reads.hookFile(repo, name);
  }

  @Override
  public Optional<PlainCheckout> plainCheckout(Path worktree) {
    return files.plainCheckout(worktree);
  }

  @Override
  public List<String> dirtyPaths(Path worktree) {
    return files.dirtyPaths(worktree);
  }

  @Override
  public boolean isMerged(Path repo, String branch, String base) {
    return branches.isMerged(repo, branch, base);
  }

  @Override
  public AheadBehind aheadBehind(Path repo, String ref, String base) {
    return branches.aheadBehind(repo, ref, base);
  }

  @Override
  public List<String> ignoredEntries(Path worktree) {
    return files.ignoredEntries(worktree);
  }

  @Override
  public Optional<String> resolve(Path repo, String ref) {
    return reads.resolve(repo, ref);
  }

  @Override
  public boolean branchMoved(Path repo, String branch) {
    return branches.branchMoved(repo, branch);
  }

  @Override
  public void deleteBranch(Path repo, String branch, boolean force) {
    branches.deleteBranch(repo, branch, force);
  }

  @Override
  public Optional<String> config(Path dir, String key) {
    return reads.config(dir, key);
  }

  @Override
  public Optional<String> worktreeConfig(Path worktree, String key) {
    return reads.worktreeConfig(worktree, key);
  }

  @Override
  public void setWorktreeConfig(Path worktree, String key, String value) {
    reads.setWorktreeConfig(worktree, key, value);
  }

  @Override
  public List<String> ignoredMatching(Path worktree, Path patterns) {
    return files.ignoredMatching(worktree, patterns);
  }

  @Override
  public boolean isIgnored(Path worktree, String relativePath) {
    return files.isIgnored(worktree, relativePath);
  }

  @Override
  public List<String> ignored(Path worktree, List<String> relativePaths) {
    return files.ignored(worktree, relativePaths);
  }

  @Override
  public boolean isTracked(Path file) {
    return files.isTracked(file);
  }

  @Override
  public List<Ref> refs(Path repo) {
    return commits.refs(repo);
  }

  @Override
  public List<Commit> commitsNotIn(Path repo, List<String> tips, List<String> hidden) {
    return commits.commitsNotIn(repo, tips, hidden);
  }

  @Override
  public List<String> reflog(Path repo, String ref) {
    return commits.reflog(repo, ref);
  }

  @Override
  public boolean createRef(Path repo, String ref, String sha) {
    return commits.createRef(repo, ref, sha);
  }

  @Override
  public void copyRef(Path from, String fromRef, Path into, String toRef) {
    commits.copyRef(from, fromRef, into, toRef);
  }

  @Override
  public Map<String, Path> submoduleGitDirs(Path gitDir) {
    return commits.submoduleGitDirs(gitDir);
  }

  @Override
  public List<Path> submoduleWorktrees(Path worktree) {
    return GitModules.checkedOut(worktree);
  }

  @Override
  public Optional<String> currentBranch(Path dir) {
    return reads.currentBranch(dir);
  }

  @Override
  public Pushed push(Path dir, String remote, String branch) {
    return branches.push(dir, remote, branch);
  }
}
