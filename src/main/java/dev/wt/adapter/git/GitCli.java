package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.WRITE_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.canonical;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.git;
import static dev.wt.adapter.git.GitRunner.gitIn;
import static dev.wt.adapter.git.GitRunner.invocation;
import static dev.wt.adapter.git.GitRunner.nulSeparated;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Git} through the git command line: git's own on-disk format, hooks and filters. */
public final class GitCli implements Git {

  private static final int MAX_NAME_BYTES = 255;

  /** Waits out the lock files a killed git may have left before wt removes them. */
  private final LockWait locks;

  /**
   * @param processes tells which process may hold a lock file git left
   * @param waiting told, once, which process wt waits for when a lock stays
   */
  public GitCli(ProcessTable processes, Consumer<String> waiting) {
    this(new LockWait(new LockHolders(processes), waiting, LockWait.GRACE, LockWait.LIMIT));
  }

  GitCli(LockWait locks) {
    this.locks = locks;
  }

  @Override
  public RepoLocation locate(Path dir) {
    // the hooks folder is asked for here, where it costs no process of its own
    Exec.Result r = git(dir, READ_TIMEOUT, "rev-parse", "--path-format=absolute",
        "--is-bare-repository", "--git-dir", "--git-common-dir", "--git-path", "hooks", "--show-toplevel");
    List<String> lines = r.stdout().lines().toList();
    // in a bare repository or a .git folder git answers the first four, then fails on --show-toplevel
    if (lines.size() >= 3 && "true".equals(lines.get(0))) {
      throw WtException.environment("wt needs a work tree: " + dir + " is a bare repository",
          "clone it with a work tree (git clone " + dir + " <folder>), or add one (git -C " + dir
              + " worktree add <folder> <branch>) and run wt there");
    }
    if (lines.size() >= 4 && (!r.ok() || lines.size() < 5)) {
      throw WtException.environment("not inside a worktree: " + dir + " is inside the git folder " + lines.get(1),
          "run wt in a worktree of the repository, not in its .git folder");
    }
    if (!r.ok() || lines.size() < 5) {
      throw WtException.environment("not a git repository: " + dir,
          "run wt inside a git repository, or pass -C <dir>");
    }
    Path gitDir = canonical(Path.of(lines.get(1)));
    Path common = canonical(Path.of(lines.get(2)));
    Path hooks = Path.of(lines.get(3));
    Path root = canonical(Path.of(lines.get(4)));
    List<WorktreeEntry> all = worktrees(root);
    Path main = all.isEmpty() ? root : all.get(0).path();
    // the branch as git's worktree list names it; a HEAD on a ref outside refs/heads is asked for
    String branch = null;
    boolean known = false;
    for (WorktreeEntry e : all) {
      if (e.path().equals(root) && (e.branch() == null || !e.branch().startsWith("refs/"))) {
        branch = e.branch();
        known = true;
      }
    }
    if (!known) {
      Exec.Result head = git(root, READ_TIMEOUT, "symbolic-ref", "-q", "--short", "HEAD");
      branch = head.ok() ? head.stdout().strip() : null;
    }
    return new RepoLocation(root, gitDir, common, main, branch, all, hooks);
  }

  @Override
  public BaseRefs baseRefs(Path repo) {
    Exec.Result r = git(repo, READ_TIMEOUT, "for-each-ref", "--format=%(refname)%00%(objecttype)%00%(symref)",
        "refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master");
    if (!r.ok()) {
      return Git.super.baseRefs(repo);
    }
    Optional<String> remote = Optional.empty();
    boolean main = false;
    boolean master = false;
    for (String line : r.stdout().lines().toList()) {
      String[] f = line.split("\0", -1);
      if (f.length < 3) {
        continue;
      }
      switch (f[0]) {
        case "refs/remotes/origin/HEAD" -> remote = f[2].startsWith("refs/remotes/")
            ? Optional.of(f[2].substring("refs/remotes/".length())) : Optional.empty();
        case "refs/heads/main" -> main = f[1].equals("commit");
        case "refs/heads/master" -> master = f[1].equals("commit");
        default -> { } // refs/heads/main/x and the like: not the names asked for
      }
    }
    return new BaseRefs(remote, main, master);
  }

  @Override
  public List<WorktreeEntry> worktrees(Path repo) {
    Exec.Result r = check(listWorktrees(repo), "list worktrees");
    return WorktreeList.parse(r.stdout());
  }

  /**
   * {@code git worktree list}, retried briefly: while another process adds a worktree, git 2.39
   * can fail reading that worktree's transient {@code locked} file ("failed to read
   * .git/worktrees/x/locked"), which concurrent ups hit.
   */
  private static Exec.Result listWorktrees(Path repo) {
    Exec.Result r = git(repo, READ_TIMEOUT, "worktree", "list", "--porcelain", "-z");
    for (int attempt = 1; attempt <= 5 && !r.ok() && r.stderr().contains("/worktrees/"); attempt++) {
      try {
        Thread.sleep(20L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
      dev.wt.adapter.DebugLog.of(GitCli.class).debug("git worktree list raced with another worktree change, retrying: {}", r.stderr().strip());
      r = git(repo, READ_TIMEOUT, "worktree", "list", "--porcelain", "-z");
    }
    return r;
  }

  @Override
  public boolean isValidBranchName(Path repo, String name) {
    if (name.isEmpty() || name.startsWith("-") || name.equals("HEAD") || name.startsWith("@")) {
      return false;
    }
    for (String part : name.split("/")) {
      // each part is a file name under refs/heads (plus ".lock" while git writes it)
      if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES - ".lock".length()) {
        return false;
      }
    }
    return dev.wt.core.RefNames.valid("refs/heads/" + name); // git's rules, without a process
  }

  @Override
  public boolean localBranchExists(Path repo, String branch) {
    return refExists(repo, "refs/heads/" + branch);
  }

  @Override
  public boolean remoteBranchExists(Path repo, String remote, String branch) {
    return refExists(repo, "refs/remotes/" + remote + "/" + branch);
  }

  @Override
  public List<Submodule> uninitialisedSubmodules(Path worktree) {
    return GitModules.uninitialised(worktree);
  }

  @Override
  public void initSubmodule(Path worktree, Submodule sub, Path from) {
    if (from == null) {
      check(git(worktree, WRITE_TIMEOUT, "submodule", "update", "--init", "--", sub.path()), "initialise " + sub.path());
      return;
    }
    String url = config(worktree, "submodule." + sub.name() + ".url")
        .or(() -> {
          Exec.Result r = git(worktree, READ_TIMEOUT, "config", "-f", ".gitmodules", "--get", "submodule." + sub.name() + ".url");
          return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
        }).orElse(null);
    // the URL overridden for this one command only: the shared .git/config keeps the real one;
    // a clone from a local path copies (or hard-links) the objects without any network
    check(git(worktree, WRITE_TIMEOUT, "-c", "protocol.file.allow=always", "-c", "submodule." + sub.name() + ".url=" + from,
        "submodule", "update", "--init", "--", sub.path()), "initialise " + sub.path() + " from " + from);
    if (url != null) {
      check(git(worktree.resolve(sub.path()), READ_TIMEOUT, "remote", "set-url", "origin", url),
          "point " + sub.path() + " at " + url);
    }
  }

  @Override
  public void fetchBranch(Path repo, String remote, String branch) {
    // an explicit refspec: updates the remote-tracking ref whatever remote.<name>.fetch says
    check(git(repo, WRITE_TIMEOUT, "fetch", "--quiet", "--no-tags", "--end-of-options", remote,
        "+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch), "fetch " + branch + " from " + remote);
  }

  @Override
  public Optional<String> remoteDefaultBranch(Path repo) {
    Exec.Result r = git(repo, READ_TIMEOUT, "symbolic-ref", "-q", "refs/remotes/origin/HEAD");
    if (!r.ok()) {
      return Optional.empty();
    }
    return Optional.of(r.stdout().strip().replaceFirst("^refs/remotes/", ""));
  }

  @Override
  public boolean refExists(Path repo, String ref) {
    return git(repo, READ_TIMEOUT, "rev-parse", "-q", "--verify", "--end-of-options", ref + "^{commit}").ok();
  }

  @Override
  public Optional<String> blockingRef(Path repo, String ref) {
    String[] parts = ref.split("/");
    if (parts.length < 3) {
      return Optional.empty();
    }
    // every ref under the first level below refs/<kind>/: one read finds parents and children
    String scope = parts[0] + "/" + parts[1] + "/" + parts[2];
    Exec.Result r = check(git(repo, READ_TIMEOUT, "for-each-ref", "--format=%(refname)", "--end-of-options", scope),
        "list the refs under " + scope);
    return r.stdout().lines()
        .filter(other -> !other.equals(ref) && (ref.startsWith(other + "/") || other.startsWith(ref + "/")))
        .findFirst();
  }

  @Override
  public java.util.Set<String> refNames(Path repo, List<String> patterns) {
    List<String> args = new ArrayList<>(List.of("for-each-ref", "--format=%(refname)", "--end-of-options"));
    args.addAll(patterns);
    Exec.Result r = check(git(repo, READ_TIMEOUT, args.toArray(String[]::new)), "list the refs " + patterns);
    return new java.util.TreeSet<>(r.stdout().lines().filter(l -> !l.isBlank()).toList());
  }

  @Override
  public void addWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    add(repo, path, branch, how, startPoint, List.of());
  }

  @Override
  public void addEmptyWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    // git writes "initializing" into the lock while it adds and keeps it with --lock: the same mark
    // a cut-off checkout leaves, so what finishes one finishes this
    add(repo, path, branch, how, startPoint, List.of("--no-checkout", "--lock", "--reason", "initializing"));
  }

  private void add(Path repo, Path path, String branch, BranchSource how, String startPoint, List<String> flags) {
    List<String> args = new ArrayList<>(List.of("-c", "checkout.workers=0", "worktree", "add"));
    args.addAll(flags);
    switch (how) {
      case NEW -> args.addAll(List.of("--no-track", "-b", branch, "--", path.toString(), startPoint));
      case EXISTING -> args.addAll(List.of("--", path.toString(), branch));
      case TRACK_REMOTE -> args.addAll(List.of("--track", "-b", branch, "--", path.toString(), startPoint));
    }
    Exec.Result r = StaleRefLocks.retrying(locks, () -> git(repo, WRITE_TIMEOUT, args.toArray(String[]::new)));
    // a parallel add's admin folder read half-made ("failed to read .git/worktrees/x/commondir"):
    // git died in its checks, before making the folder (with -b, after making the branch), so the
    // add is tried again, checking out the branch it made when it made one
    for (int attempt = 1; attempt <= 5 && !r.ok() && r.stderr().contains("/worktrees/")
        && (r.stderr().contains("failed to read") || r.stderr().contains("No such file or directory"))
        && !Files.exists(path); attempt++) {
      try {
        Thread.sleep(20L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      List<String> existing = new ArrayList<>(List.of("-c", "checkout.workers=0", "worktree", "add"));
      existing.addAll(flags);
      existing.addAll(List.of("--", path.toString(), branch));
      List<String> again = how != BranchSource.EXISTING && localBranchExists(repo, branch) ? existing : args;
      r = StaleRefLocks.retrying(locks, () -> git(repo, WRITE_TIMEOUT, again.toArray(String[]::new)));
    }
    String err = r.stderr();
    if (!r.ok() && (err.contains("already exists") || err.contains("cannot lock ref"))) {
      // a name taken (by another command a moment ago, or a ref path in the way): the user's to resolve
      String detail = err.strip().lines().reduce((a, b) -> b).orElse("");
      throw WtException.refused("git could not create the worktree at " + path + ": " + detail,
          "pick another branch name or folder (git branch --list shows the branches), or run wt up again");
    }
    check(r, "create the worktree at " + path);
  }

  @Override
  public void removeWorktree(Path repo, Path path, boolean force) {
    List<String> args = new ArrayList<>(List.of("worktree", "remove"));
    if (force) {
      // twice: git removes a locked worktree only with -f -f (the caller has checked the lock)
      args.add("--force");
      args.add("--force");
    }
    args.add(path.toString());
    check(git(repo, WRITE_TIMEOUT, args.toArray(String[]::new)), "remove the worktree at " + path);
  }

  @Override
  public void finishCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    finish(repo, worktree, gitDir, branch, false);
  }

  @Override
  public void finishReusedCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    finish(repo, worktree, gitDir, branch, true);
  }

  private void finish(Path repo, Path worktree, Path gitDir, String branch, boolean clean) {
    Path indexLock = gitDir.resolve("index.lock");
    Path locked = gitDir.resolve("locked");
    // a git whose wt was killed alone may still be checking out: it removes its locks (its reset
    // writes the index, HEAD and ORIG_HEAD) and git's "locked" when done; a killed one leaves them
    locks.clear(List.of(indexLock, gitDir.resolve("HEAD.lock"), gitDir.resolve("ORIG_HEAD.lock")));
    if (!Files.exists(locked)) {
      return;
    }
    // killed while it made the admin folder, git may have written its lock and gitdir but not yet
    // HEAD or commondir: without them the folder is no repository and every git in it fails
    try {
      if (!Files.exists(gitDir.resolve("commondir"))) {
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
      }
      if (!Files.exists(gitDir.resolve("HEAD")) && branch != null) {
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/" + branch + "\n");
      }
    } catch (java.io.IOException e) {
      throw WtException.environment("cannot finish git's admin folder " + gitDir + ": " + e.getMessage(),
          "check its permissions, then run wt up again");
    }
    if (branch != null && !headNames(gitDir, branch)
        && !git(worktree, READ_TIMEOUT, "symbolic-ref", "-q", "HEAD").stdout().strip().equals("refs/heads/" + branch)) {
      // the killed add may have been writing HEAD too: its HEAD.lock outlives it
      check(StaleRefLocks.retrying(locks, () -> git(worktree, WRITE_TIMEOUT, "symbolic-ref", "HEAD", "refs/heads/" + branch),
          () -> List.of(gitDir.resolve("HEAD.lock"))), "put the worktree at " + worktree + " on " + branch);
    }
    // the killed add's own reset may have held ORIG_HEAD.lock or HEAD.lock too
    // reused files: git must compare each one's change time and inode too, whatever the repository
    // (or an includeIf for the branch) says, or an edit that kept size and time would pass for the branch's
    List<String> trust = clean ? List.of("-c", "core.trustctime=true", "-c", "core.checkStat=default") : List.of();
    List<String> reset = new ArrayList<>(trust);
    reset.addAll(List.of("reset", "--hard", "--quiet", "--no-recurse-submodules", "HEAD"));
    check(StaleRefLocks.retrying(locks, () -> git(worktree, WRITE_TIMEOUT, reset.toArray(String[]::new)),
        () -> List.of(gitDir.resolve("ORIG_HEAD.lock"), gitDir.resolve("HEAD.lock"))), "finish the checkout of " + worktree);
    Path recycled = gitDir.resolve(RECYCLED);
    if (Files.exists(recycled)) {
      if (clean) {
        // the command that moved the files in: what git does not track came with them and goes.
        // Never when finishing later (after a crash): by then it may be the user's
        check(git(worktree, WRITE_TIMEOUT, "clean", "-ffdxq"), "clean the reused folder at " + worktree);
      }
      try {
        Files.deleteIfExists(recycled);
      } catch (java.io.IOException e) {
        throw WtException.environment("cannot delete " + recycled + ": " + e.getMessage(), "delete it by hand");
      }
    }
    unlock(repo, worktree, gitDir);
  }

  /**
   * Whether the HEAD file in {@code gitDir} names {@code branch}, read without a git: with the
   * files backend git writes exactly this line; anything else (reftable's placeholder, a detached
   * HEAD, no file) is left to git to tell.
   */
  private static boolean headNames(Path gitDir, String branch) {
    try {
      return Files.readString(gitDir.resolve("HEAD")).equals("ref: refs/heads/" + branch + "\n");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * {@code git worktree unlock}, which deletes the admin folder's {@code locked} file and nothing
   * else: deleted here without a process where that file is where git keeps it.
   */
  private static void unlock(Path repo, Path worktree, Path gitDir) {
    Path locked = gitDir.resolve("locked");
    try {
      if (Files.isRegularFile(gitDir.resolve("gitdir"))) {
        Files.deleteIfExists(locked);
        return;
      }
    } catch (java.io.IOException e) {
      // git says what is wrong
    }
    check(git(repo, WRITE_TIMEOUT, "worktree", "unlock", worktree.toString()), "unlock the worktree at " + worktree);
  }

  @Override
  public Optional<Map<String, String>> attributeFiles(Path repo, String commit) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "ls-tree", "-r", "-z", "--end-of-options", commit);
    if (!r.ok()) {
      return Optional.empty();
    }
    Map<String, String> out = new java.util.TreeMap<>();
    for (String e : nulSeparated(r)) {
      // "<mode> <type> <object>\t<path>"
      int tab = e.indexOf('\t');
      if (tab > 0 && attributesFile(e.substring(tab + 1))) {
        out.put(e.substring(tab + 1), e.substring(e.lastIndexOf(' ', tab) + 1, tab));
      }
    }
    return Optional.of(out);
  }

  @Override
  public boolean attributesMoved(Path repo, List<HeadMove> moves) {
    StringBuilder pairs = new StringBuilder();
    moves.forEach(m -> pairs.append(m.from()).append(' ').append(m.to()).append('\n'));
    List<String> cmd = new ArrayList<>(invocation(repo));
    // "*" of a plain pathspec matches across folders: the file at any depth
    cmd.addAll(List.of("diff-tree", "--stdin", "-r", "-z", "--name-only", "--no-commit-id", "--",
        ".gitattributes", "*/.gitattributes"));
    Exec.Result r = GitRunner.withInput(cmd, pairs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return !r.ok() || nulSeparated(r).stream().anyMatch(GitCli::attributesFile);
  }

  private static boolean attributesFile(String path) {
    return path.equals(".gitattributes") || path.endsWith("/.gitattributes");
  }

  @Override
  public Optional<Path> hookFile(Path repo, String name) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "rev-parse", "--path-format=absolute", "--git-path", "hooks/" + name);
    return r.ok() && !r.stdout().isBlank() ? Optional.of(Path.of(r.stdout().strip())) : Optional.empty();
  }

  @Override
  public Optional<PlainCheckout> plainCheckout(Path worktree) {
    // -v: "H " a tracked file git compares with the disk, "S " skip-worktree, lower case
    // assume-unchanged (-f: or fsmonitor-valid), "M " unmerged, "? " untracked; -s: then
    // "<mode> <object> <stage>\t<path>"
    List<String> untracked = new ArrayList<>();
    Map<String, String> attributes = new java.util.TreeMap<>();
    for (String e : nulSeparated(check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "-v", "-f", "-s", "--cached",
        "--others", "--directory"), "list the files of " + worktree))) {
      if (e.startsWith("? ")) {
        untracked.add(e.substring(2));
      } else if (!e.startsWith("H ") || e.startsWith("H 160000 ")) {
        return Optional.empty(); // a gitlink's folder: git never looks inside it, a checkout neither
      } else {
        int tab = e.indexOf('\t');
        if (tab > 0 && attributesFile(e.substring(tab + 1))) {
          String[] f = e.substring(2, tab).split(" ");
          attributes.put(e.substring(tab + 1), f[1]);
        }
      }
    }
    return Optional.of(new PlainCheckout(untracked, attributes));
  }

  @Override
  public List<String> dirtyPaths(Path worktree) {
    // --ignore-submodules=none: a .gitmodules "ignore = all" must not hide work inside a submodule from the dirty check
    Exec.Result r = check(git(worktree, READ_TIMEOUT, "status", "--porcelain=v1", "-z", "--untracked-files=all",
        "--ignore-submodules=none"),
        "read the status of " + worktree);
    List<String> paths = new ArrayList<>();
    String[] fields = r.stdout().split("\0");
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.length() < 4) {
        continue;
      }
      paths.add(f.substring(3));
      if (f.charAt(0) == 'R' || f.charAt(0) == 'C') {
        i++; // the rename's source path follows
      }
    }
    return paths;
  }

  @Override
  public boolean isMerged(Path repo, String branch, String base) {
    String ref = "refs/heads/" + branch;
    if (git(repo, READ_TIMEOUT, "merge-base", "--is-ancestor", ref, base).ok()) {
      return true;
    }
    // squash or rebase merge: merging the branch into base changes nothing
    Exec.Result merged = git(repo, READ_TIMEOUT, "merge-tree", "--write-tree", base, ref);
    if (!merged.ok()) {
      return false;
    }
    String mergedTree = merged.stdout().lines().findFirst().orElse("").strip();
    Exec.Result baseTree = git(repo, READ_TIMEOUT, "rev-parse", "--verify", "--end-of-options", base + "^{tree}");
    return baseTree.ok() && baseTree.stdout().strip().equals(mergedTree);
  }

  @Override
  public AheadBehind aheadBehind(Path repo, String ref, String base) {
    Exec.Result r = git(repo, READ_TIMEOUT, "rev-list", "--left-right", "--count", base + "..." + ref, "--");
    if (!r.ok()) {
      return new AheadBehind(0, 0);
    }
    String[] parts = r.stdout().strip().split("\\s+");
    return new AheadBehind(Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
  }

  @Override
  public List<String> ignoredEntries(Path worktree) {
    return nulSeparated(check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
        "--directory", "--no-empty-directory"), "list ignored files"));
  }

  @Override
  public Optional<String> resolve(Path repo, String ref) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "rev-parse", "-q", "--verify", "--end-of-options", ref + "^{commit}");
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  @Override
  public boolean branchMoved(Path repo, String branch) {
    Exec.Result r = git(repo, READ_TIMEOUT, "reflog", "show", "--format=%H", "refs/heads/" + branch, "--");
    // no reflog (switched off, or expired): nothing tells a new branch from an old one, so count it as worked on
    return !r.ok() || r.stdout().lines().filter(l -> !l.isBlank()).count() != 1;
  }

  @Override
  public void deleteBranch(Path repo, String branch, boolean force) {
    // git may name only the ref it could not remove, not the lock a killed git left on it
    Exec.Result r = StaleRefLocks.retrying(locks, () -> branchDelete(repo, branch, force),
        () -> {
          Path common = locate(repo).commonDir();
          return List.of(common.resolve("refs/heads/" + branch + ".lock"), common.resolve("packed-refs.lock"));
        });
    if (!r.ok() && !localBranchExists(repo, branch)) {
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

  @Override
  public Optional<String> config(Path dir, String key) {
    Exec.Result r = git(dir, READ_TIMEOUT, "config", "--get", key);
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  @Override
  public Optional<String> worktreeConfig(Path worktree, String key) {
    // without the extension, --worktree would read the shared .git/config
    if (config(worktree, "extensions.worktreeConfig").filter("true"::equals).isEmpty()) {
      return Optional.empty();
    }
    Exec.Result r = git(worktree, READ_TIMEOUT, "config", "--worktree", "--get", key);
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  @Override
  public void setWorktreeConfig(Path worktree, String key, String value) {
    if (config(worktree, "extensions.worktreeConfig").filter("true"::equals).isEmpty()) {
      check(git(worktree, READ_TIMEOUT, "config", "extensions.worktreeConfig", "true"), "enable per-worktree config");
    }
    check(git(worktree, READ_TIMEOUT, "config", "--worktree", key, value), "set " + key);
  }

  @Override
  public List<String> ignoredMatching(Path worktree, Path patterns) {
    // git does the matching (gitignore syntax at any depth, negations) and the walk; without
    // --no-empty-directory, which would hide files matched inside an untracked folder
    Exec.Result listed = check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "--others", "--ignored", "--directory",
        "--exclude-from=" + patterns), "list the files " + patterns + " names");
    List<String> candidates = new ArrayList<>();
    for (String f : listed.stdout().split("\0")) {
      if (!f.isEmpty() && candidates.stream().noneMatch(d -> d.endsWith("/") && f.startsWith(d))) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    byte[] input = String.join("\0", candidates).concat("\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Exec.Result ignored = GitRunner.withInput(List.of("git", "-C", worktree.toString(), "check-ignore", "-z", "--stdin"),
        input);
    if (ignored.exitCode() == 1) {
      return List.of(); // none of them is ignored
    }
    check(ignored, "check which files git ignores");
    List<String> out = new ArrayList<>();
    for (String f : ignored.stdout().split("\0")) {
      if (!f.isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  @Override
  public boolean isIgnored(Path worktree, String relativePath) {
    return git(worktree, READ_TIMEOUT, "check-ignore", "-q", "--no-index", "--", relativePath).ok();
  }

  @Override
  public List<String> ignored(Path worktree, List<String> relativePaths) {
    if (relativePaths.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of("check-ignore", "--no-index", "-z", "--"));
    args.addAll(relativePaths);
    Exec.Result r = git(worktree, READ_TIMEOUT, args.toArray(String[]::new));
    // 0: some are ignored, 1: none; anything else (an error) counts as none, as isIgnored does
    return r.exitCode() == 0 ? nulSeparated(r) : List.of();
  }

  @Override
  public boolean isTracked(Path file) {
    return git(file.getParent(), READ_TIMEOUT, "ls-files", "--error-unmatch", "--", file.getFileName().toString()).ok();
  }

  @Override
  public List<Ref> refs(Path repo) {
    Exec.Result r = check(gitIn(repo, READ_TIMEOUT, "for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"),
        "list the refs");
    List<Ref> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String[] f = line.split(" ", 3);
      if (f.length == 3 && (f[1].equals("commit") || f[1].equals("tag"))) {
        out.add(new Ref(f[2], f[0]));
      }
    }
    return out;
  }

  @Override
  public List<Commit> commitsNotIn(Path repo, List<String> tips, List<String> hidden) {
    if (tips.isEmpty()) {
      return List.of();
    }
    // on stdin: thousands of refs would not fit a command line, and a name is never read as an option
    StringBuilder input = new StringBuilder();
    tips.forEach(t -> input.append(t).append('\n'));
    hidden.forEach(h -> input.append('^').append(h).append('\n'));
    List<String> cmd = new ArrayList<>(invocation(repo));
    cmd.addAll(List.of("log", "--ignore-missing", "--format=%H%x09%s", "--stdin"));
    Exec.Result r = check(GitRunner.withInput(cmd,
        input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "list the commits of " + repo);
    List<Commit> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        out.add(new Commit(line.substring(0, tab), line.substring(tab + 1)));
      }
    }
    return out;
  }

  @Override
  public List<String> reflog(Path repo, String ref) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "reflog", "show", "--format=%H", "--end-of-options", ref, "--");
    // no reflog (switched off, or the ref is gone): only the ref itself names a commit
    return r.ok() ? r.stdout().lines().filter(l -> !l.isBlank()).toList() : List.of();
  }

  @Override
  public boolean createRef(Path repo, String ref, String sha) {
    byte[] input = ("create " + ref + " " + sha + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(invocation(repo));
    cmd.addAll(List.of("update-ref", "--stdin"));
    Exec.Result r = GitRunner.withInput(cmd, input);
    if (!r.ok() && resolve(repo, ref).isPresent()) {
      return false;
    }
    check(r, "create " + ref);
    return true;
  }

  @Override
  public void copyRef(Path from, String fromRef, Path into, String toRef) {
    // a push, not a fetch: git would start the source's upload-pack in its core.worktree, which a
    // removed worktree's submodule no longer has
    check(gitIn(from, WRITE_TIMEOUT, "push", "-q", "--no-verify", "--", into.toString(), fromRef + ":" + toRef),
        "copy " + fromRef + " of " + from + " into " + into);
  }

  @Override
  public Map<String, Path> submoduleGitDirs(Path gitDir) {
    Map<String, Path> out = new java.util.TreeMap<>();
    collectModules(gitDir.resolve("modules"), "", out);
    return out;
  }

  /** Walks {@code <git dir>/modules}: a name may hold slashes, and a submodule keeps its own in its git dir. */
  private static void collectModules(Path dir, String prefix, Map<String, Path> out) {
    if (!java.nio.file.Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> children = java.nio.file.Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        if (!java.nio.file.Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String name = prefix + child.getFileName();
        if (java.nio.file.Files.isRegularFile(child.resolve("HEAD")) && java.nio.file.Files.isDirectory(child.resolve("objects"))) {
          out.put(name, child);
          collectModules(child.resolve("modules"), name + "/modules/", out);
        } else {
          collectModules(child, name + "/", out);
        }
      }
    } catch (java.io.IOException e) {
      throw WtException.environment("cannot read " + dir + ": " + e.getMessage(), "check its permissions");
    }
  }

  @Override
  public List<Path> submoduleWorktrees(Path worktree) {
    return GitModules.checkedOut(worktree);
  }

  @Override
  public Optional<String> currentBranch(Path dir) {
    Exec.Result head = git(dir, READ_TIMEOUT, "symbolic-ref", "-q", "--short", "HEAD");
    return head.ok() ? Optional.of(head.stdout().strip()) : Optional.empty();
  }

  @Override
  public Pushed push(Path dir, String remote, String branch) {
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
