package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.canonical;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.git;
import static dev.wt.adapter.git.GitRunner.gitIn;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Git.BaseRefs;
import dev.wt.port.Git.RepoLocation;
import dev.wt.port.Git.WorktreeEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a repository: where it is, its worktrees, refs, branch names and config. */
final class RepoReads {

  private static final int MAX_NAME_BYTES = 255;

  RepoLocation locate(Path dir) {
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

  /** {@link BaseRefs} in one read; empty when that read failed (the caller asks ref by ref). */
  Optional<BaseRefs> baseRefs(Path repo) {
    Exec.Result r = git(repo, READ_TIMEOUT, "for-each-ref", "--format=%(refname)%00%(objecttype)%00%(symref)",
        "refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master");
    if (!r.ok()) {
      return Optional.empty();
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
    return Optional.of(new BaseRefs(remote, main, master));
  }

  List<WorktreeEntry> worktrees(Path repo) {
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
      dev.wt.port.DebugLog.of(GitCli.class).debug("git worktree list raced with another worktree change, retrying: {}", r.stderr().strip());
      r = git(repo, READ_TIMEOUT, "worktree", "list", "--porcelain", "-z");
    }
    return r;
  }

  boolean isValidBranchName(Path repo, String name) {
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

  boolean localBranchExists(Path repo, String branch) {
    return refExists(repo, "refs/heads/" + branch);
  }

  boolean remoteBranchExists(Path repo, String remote, String branch) {
    return refExists(repo, "refs/remotes/" + remote + "/" + branch);
  }

  Optional<String> remoteDefaultBranch(Path repo) {
    Exec.Result r = git(repo, READ_TIMEOUT, "symbolic-ref", "-q", "refs/remotes/origin/HEAD");
    if (!r.ok()) {
      return Optional.empty();
    }
    // one that names a deleted branch counts for nothing, as baseRefs' for-each-ref skips it
    String target = r.stdout().strip();
    return refExists(repo, target) ? Optional.of(target.replaceFirst("^refs/remotes/", "")) : Optional.empty();
  }

  boolean refExists(Path repo, String ref) {
    return git(repo, READ_TIMEOUT, "rev-parse", "-q", "--verify", "--end-of-options", ref + "^{commit}").ok();
  }

  Optional<String> blockingRef(Path repo, String ref) {
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

  java.util.Set<String> refNames(Path repo, List<String> patterns) {
    List<String> args = new ArrayList<>(List.of("for-each-ref", "--format=%(refname)", "--end-of-options"));
    args.addAll(patterns);
    Exec.Result r = check(git(repo, READ_TIMEOUT, args.toArray(String[]::new)), "list the refs " + patterns);
    return new java.util.TreeSet<>(r.stdout().lines().filter(l -> !l.isBlank()).toList());
  }

  Optional<String> resolve(Path repo, String ref) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "rev-parse", "-q", "--verify", "--end-of-options", ref + "^{commit}");
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  Optional<String> config(Path dir, String key) {
    Exec.Result r = git(dir, READ_TIMEOUT, "config", "--get", key);
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  Optional<String> worktreeConfig(Path worktree, String key) {
    // without the extension, --worktree would read the shared .git/config
    if (config(worktree, "extensions.worktreeConfig").filter("true"::equals).isEmpty()) {
      return Optional.empty();
    }
    Exec.Result r = git(worktree, READ_TIMEOUT, "config", "--worktree", "--get", key);
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  void setWorktreeConfig(Path worktree, String key, String value) {
    if (config(worktree, "extensions.worktreeConfig").filter("true"::equals).isEmpty()) {
      check(git(worktree, READ_TIMEOUT, "config", "extensions.worktreeConfig", "true"), "enable per-worktree config");
    }
    check(git(worktree, READ_TIMEOUT, "config", "--worktree", key, value), "set " + key);
  }

  Optional<String> currentBranch(Path dir) {
    Exec.Result head = git(dir, READ_TIMEOUT, "symbolic-ref", "-q", "--short", "HEAD");
    return head.ok() ? Optional.of(head.stdout().strip()) : Optional.empty();
  }

  Optional<Path> hookFile(Path repo, String name) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "rev-parse", "--path-format=absolute", "--git-path", "hooks/" + name);
    return r.ok() && !r.stdout().isBlank() ? Optional.of(Path.of(r.stdout().strip())) : Optional.empty();
  }
}
