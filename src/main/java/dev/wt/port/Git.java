package dev.wt.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything wt asks of git. Mutations go through the git CLI; reads may be in-process. */
public interface Git {

  /** Where {@code dir} sits in a repository. */
  RepoLocation locate(Path dir);

  /** Every worktree of the repository, main first. */
  List<WorktreeEntry> worktrees(Path repo);

  /** Whether git accepts {@code name} as a new branch name. */
  boolean isValidBranchName(Path repo, String name);

  boolean localBranchExists(Path repo, String branch);

  boolean remoteBranchExists(Path repo, String remote, String branch);

  /**
   * A ref that keeps {@code ref} from being created: git stores refs as paths, so
   * {@code refs/heads/a/b} blocks {@code refs/heads/a/b/c} and the other way round.
   */
  Optional<String> blockingRef(Path repo, String ref);

  /**
   * The names of the refs that match one of {@code patterns} as {@code git for-each-ref} matches
   * them (the ref itself, or any ref below it), in one read.
   */
  java.util.Set<String> refNames(Path repo, List<String> patterns);

  /** {@code origin}'s default branch as a local or remote-tracking ref, if the remote says and that ref exists. */
  Optional<String> remoteDefaultBranch(Path repo);

  /** Whether {@code ref} resolves to a commit. */
  boolean refExists(Path repo, String ref);

  /** Creates a worktree at {@code path}; {@code how} says which branch it gets. */
  void addWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint);

  /**
   * Creates a worktree as {@link #addWorktree} does but writes none of its files: the folder holds
   * only its {@code .git} file, there is no index yet, and git's "initializing" lock stays, so a
   * command cut off from here on is finished by {@link #finishCheckout} like a cut-off checkout.
   */
  default void addEmptyWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    throw new UnsupportedOperationException("addEmptyWorktree");
  }

  /**
   * The file in a worktree's admin folder that says its files were being put there from a removed
   * worktree's folder: {@link #finishCheckout} removes it with git's lock.
   */
  String RECYCLED = "wt-recycled";

  /**
   * As {@link #finishCheckout}, for the command that has just moved a removed worktree's files in:
   * also deletes every untracked and ignored file ({@code git clean -ffdx}) before the lock goes.
   */
  default void finishReusedCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    finishCheckout(repo, worktree, gitDir, branch);
  }

  /**
   * The {@code .gitattributes} files of the tree of {@code commit}, anywhere in it: each path and
   * its blob's id. Empty when git cannot list them.
   */
  default Optional<java.util.Map<String, String>> attributeFiles(Path repo, String commit) {
    return Optional.empty();
  }

  /**
   * Whether any of these moves of a HEAD (from a commit to another) added, changed or removed a
   * {@code .gitattributes} file anywhere in the tree; true when git cannot tell.
   */
  default boolean attributesMoved(Path repo, List<HeadMove> moves) {
    return true;
  }

  /** One move of a HEAD, as its reflog records it. */
  record HeadMove(String from, String to) {}

  /** The file git runs as the hook {@code name} in {@code repo} ({@code core.hooksPath} honoured); it may not exist. */
  default Optional<Path> hookFile(Path repo, String name) {
    return Optional.empty();
  }

  /**
   * A worktree whose every tracked file git compares with the disk: empty when one is marked
   * assume-unchanged, skip-worktree or fsmonitor-valid (a checkout would leave such a file as it is),
   * is a gitlink or is in conflict.
   */
  default Optional<PlainCheckout> plainCheckout(Path worktree) {
    return Optional.empty();
  }

  /**
   * What {@link #plainCheckout} tells of a worktree.
   *
   * @param untracked its untracked entries, ignored ones too, folders collapsed (ending in '/')
   * @param attributes its index's {@code .gitattributes} files: each path and its blob's id
   */
  record PlainCheckout(List<String> untracked, java.util.Map<String, String> attributes) {
    public PlainCheckout {
      untracked = List.copyOf(untracked);
      attributes = java.util.Map.copyOf(attributes);
    }
  }

  /** A submodule a worktree has not initialised yet: its name (in .gitmodules) and path. */
  record Submodule(String name, String path) {}

  /** The submodules of {@code worktree} that are not initialised there ({@code git submodule status} shows {@code -}). */
  List<Submodule> uninitialisedSubmodules(Path worktree);

  /**
   * Initialises one submodule in {@code worktree}, cloned from {@code from} (the main worktree's
   * checkout of it, a local clone that needs no network) when given, then pointed back at its
   * configured URL; without {@code from}, from that URL.
   */
  void initSubmodule(Path worktree, Submodule submodule, Path from);

  /** Fetches {@code branch} of {@code remote} into its remote-tracking ref ({@code refs/remotes/<remote>/<branch>}). */
  void fetchBranch(Path repo, String remote, String branch);

  /**
   * Removes a worktree; {@code force} removes it even when dirty or locked. With its folder gone,
   * only its entry (its admin folder) goes: the way to forget one worktree, where {@code git
   * worktree prune} would forget every vanished one.
   */
  void removeWorktree(Path repo, Path path, boolean force);

  /**
   * Completes the checkout of a worktree whose {@code git worktree add} was cut off (git's
   * "initializing" lock is still in {@code gitDir}): waits for a git still at it (up to a minute,
   * then fails naming it), removes the lock files a killed one left, then
   * points its HEAD at {@code branch} (when add was cut off before it did) and checks it out as add
   * would have (untracked files stay), then lifts the lock.
   */
  void finishCheckout(Path repo, Path worktree, Path gitDir, String branch);

  /** Paths with uncommitted changes or untracked (not ignored) files, relative to the worktree. */
  List<String> dirtyPaths(Path worktree);

  /** Whether every change of {@code branch} is in {@code base} (ancestor or squash-merged). */
  boolean isMerged(Path repo, String branch, String base);

  /** Commits of {@code ref} not in {@code base} and of {@code base} not in {@code ref}. */
  AheadBehind aheadBehind(Path repo, String ref, String base);

  /** The commit {@code ref} names, if it names one. */
  Optional<String> resolve(Path repo, String ref);

  void deleteBranch(Path repo, String branch, boolean force);

  /**
   * Whether a local branch ever moved after it was created (its reflog has more than the creation
   * entry): a branch made a minute ago is "merged" into its base without holding any work.
   */
  default boolean branchMoved(Path repo, String branch) {
    return true;
  }

  Optional<String> config(Path dir, String key);

  /** Sets a per-worktree config value (enables extensions.worktreeConfig when needed). */
  void setWorktreeConfig(Path worktree, String key, String value);

  /**
   * The value set in this worktree's own config ({@code config.worktree}), not the effective one:
   * empty when per-worktree config is off or the key is not pinned there.
   */
  Optional<String> worktreeConfig(Path worktree, String key);

  /**
   * The untracked files of a worktree that match the gitignore-style patterns in {@code patterns}
   * (a {@code .worktreeinclude}) and that git ignores; a folder that matches as a whole is one
   * entry ending in '/'.
   */
  List<String> ignoredMatching(Path worktree, Path patterns);

  /** Untracked ignored entries of a worktree, folders collapsed (ending in '/'). */
  List<String> ignoredEntries(Path worktree);

  /** Whether {@code relativePath} would be ignored by git in {@code worktree}. */
  boolean isIgnored(Path worktree, String relativePath);

  /** Which of {@code relativePaths} git ignores in {@code worktree} (as {@link #isIgnored}, in one read). */
  default List<String> ignored(Path worktree, List<String> relativePaths) {
    return relativePaths.stream().filter(p -> isIgnored(worktree, p)).toList();
  }

  /** Whether git tracks {@code file} (committed or staged) in the repository holding it. */
  boolean isTracked(Path file);

  /** Every ref naming a commit or a tag in the repository whose git dir (or worktree) is {@code repo}. */
  List<Ref> refs(Path repo);

  /**
   * Commits reachable from one of {@code tips} and from none of {@code hidden} (refs or object
   * ids; names that do not resolve are ignored), newest first.
   */
  List<Commit> commitsNotIn(Path repo, List<String> tips, List<String> hidden);

  /**
   * The commits {@code ref}'s reflog names, newest first ({@code ref@{0}}, {@code ref@{1}}, ...):
   * a stash's entries. Empty when it has none.
   */
  default List<String> reflog(Path repo, String ref) {
    return List.of();
  }

  /** Creates {@code ref} at {@code sha}; false when it already exists (it is left as it is). */
  boolean createRef(Path repo, String ref, String sha);

  /** Copies {@code fromRef} of the repository at {@code from} (with its objects) into {@code into} as {@code toRef}. */
  void copyRef(Path from, String fromRef, Path into, String toRef);

  /**
   * The git dirs of the submodules kept inside {@code gitDir} ({@code <gitDir>/modules/<name>},
   * nested ones included), keyed by submodule name; they are deleted with a linked worktree.
   */
  java.util.Map<String, Path> submoduleGitDirs(Path gitDir);

  /**
   * The work trees of the submodules checked out in {@code worktree}, nested ones included, as
   * absolute paths; empty when it has none.
   */
  default List<Path> submoduleWorktrees(Path worktree) {
    return List.of();
  }

  /** The branch checked out in {@code dir}, empty on a detached HEAD. */
  default Optional<String> currentBranch(Path dir) {
    return Optional.empty();
  }

  /**
   * Pushes local {@code branch} of the repository at {@code dir} to the branch of the same name on
   * {@code remote}, running the user's hooks; never forced.
   */
  default Pushed push(Path dir, String remote, String branch) {
    return new Pushed(false, "pushing is not supported here");
  }

  /** What a push did: {@code detail} is git's reason when it failed. */
  record Pushed(boolean ok, String detail) {}

  /** How a new worktree gets its branch. */
  enum BranchSource {
    /** Create a new branch at the start point. */
    NEW,
    /** Check out an existing local branch. */
    EXISTING,
    /** Create a local branch tracking the remote branch of the same name. */
    TRACK_REMOTE
  }

  /**
   * Position of a directory in its repository.
   *
   * @param worktrees git's worktree list as {@link #locate} read it (null when not read): a command
   *     that has taken no lock since may use it instead of asking git again
   * @param hooks the folder git runs hooks from ({@code core.hooksPath} honoured), null when not read
   */
  record RepoLocation(Path worktreeRoot, Path gitDir, Path commonDir, Path mainWorktree, String branch,
      List<WorktreeEntry> worktrees, Path hooks) {
    public RepoLocation {
      worktrees = worktrees == null ? null : List.copyOf(worktrees);
    }

    public RepoLocation(Path worktreeRoot, Path gitDir, Path commonDir, Path mainWorktree, String branch) {
      this(worktreeRoot, gitDir, commonDir, mainWorktree, branch, null, null);
    }

    public boolean isMain() {
      return worktreeRoot.equals(mainWorktree);
    }
  }

  /**
   * The facts the default base branch is chosen from: where {@code refs/remotes/origin/HEAD}
   * points (e.g. {@code origin/main}; empty when it points at a ref that does not exist), and which
   * of {@code main} and {@code master} are local branches on a commit.
   */
  record BaseRefs(Optional<String> remoteDefault, boolean main, boolean master) {}

  /** {@link BaseRefs} of {@code repo}. */
  default BaseRefs baseRefs(Path repo) {
    return new BaseRefs(remoteDefaultBranch(repo), localBranchExists(repo, "main"), localBranchExists(repo, "master"));
  }

  /** One entry of {@code git worktree list}. */
  record WorktreeEntry(Path path, String head, String branch, boolean main, boolean locked, boolean prunable) {}

  /** A ref and the object it names. */
  record Ref(String name, String sha) {}

  /** A commit, by its full id and subject line. */
  record Commit(String sha, String subject) {
    public String shortSha() {
      return sha.substring(0, Math.min(12, sha.length()));
    }
  }

  /** Divergence between two refs. */
  record AheadBehind(int ahead, int behind) {}
}
