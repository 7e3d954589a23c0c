package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.WRITE_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.git;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Git.BranchSource;
import dev.wt.port.Git.Submodule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Makes, finishes and removes worktrees: git worktree add, the finishing reset, unlock, submodules. */
final class Checkouts {

  /** Waits out the lock files a killed git may have left before wt removes them. */
  private final LockWait locks;
  private final RepoReads reads;

  Checkouts(LockWait locks, RepoReads reads) {
    this.locks = locks;
    this.reads = reads;
  }

  void addWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    add(repo, path, branch, how, startPoint, List.of());
  }

  void addEmptyWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
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
      List<String> again = how != BranchSource.EXISTING && reads.localBranchExists(repo, branch) ? existing : args;
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

  void removeWorktree(Path repo, Path path, boolean force) {
    List<String> args = new ArrayList<>(List.of("worktree", "remove"));
    if (force) {
      // twice: git removes a locked worktree only with -f -f (the caller has checked the lock)
      args.add("--force");
      args.add("--force");
    }
    args.add(path.toString());
    check(git(repo, WRITE_TIMEOUT, args.toArray(String[]::new)), "remove the worktree at " + path);
  }

  void finishCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    finish(repo, worktree, gitDir, branch, false);
  }

  void finishReusedCheckout(Path repo, Path worktree, Path gitDir, String branch) {
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
    if (clean) {
      // and its content: a file git once wrote through attributes or a filter that are gone may
      // differ from its blob while its stat data still matches. An index older than every file
      // makes each entry "racily clean", which git settles by comparing the content (a time of 0
      // git reads as unknown, so 1970's 100th second)
      try {
        Files.setLastModifiedTime(gitDir.resolve("index"), java.nio.file.attribute.FileTime.fromMillis(100_000));
      } catch (java.io.IOException e) {
        throw WtException.environment("cannot prepare the index of " + worktree + ": " + e.getMessage(),
            "run wt up again");
      }
    }
    List<String> reset = new ArrayList<>(trust);
    reset.addAll(List.of("reset", "--hard", "--quiet", "--no-recurse-submodules", "HEAD"));
    check(StaleRefLocks.retrying(locks, () -> git(worktree, WRITE_TIMEOUT, reset.toArray(String[]::new)),
        () -> List.of(gitDir.resolve("ORIG_HEAD.lock"), gitDir.resolve("HEAD.lock"))), "finish the checkout of " + worktree);
    Path recycled = gitDir.resolve(Git.RECYCLED);
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

  void initSubmodule(Path worktree, Submodule sub, Path from) {
    if (from == null) {
      check(git(worktree, WRITE_TIMEOUT, "submodule", "update", "--init", "--", sub.path()), "initialise " + sub.path());
      return;
    }
    String url = reads.config(worktree, "submodule." + sub.name() + ".url")
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
}
