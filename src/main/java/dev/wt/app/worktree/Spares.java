package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.Shell;
import dev.wt.core.Trash;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Folders of removed worktrees kept for the next {@code wt up}: creating a checkout's files is what
 * most of its time goes to, so {@code wt down} keeps the folder (what git tracks, and the index
 * that describes it) instead of deleting it, and {@code wt up} moves those files into the worktree
 * it makes, lets git rewrite only the ones that differ from its branch and deletes everything git
 * does not track ({@code git clean -ffdx}): the result is the checkout a fresh {@code git worktree
 * add} makes. A spare holding what git would leave alone or could not rewrite is deleted instead
 * ({@link dev.wt.port.WorktreeFiles#plainTree}), and one is used only for a commit with the same
 * attributes as its files were written with ({@link SpareAttributes}). At most {@link #MAX} per
 * repository, the newest ({@link SpareKeeper}), for {@link #KEEP}; {@code WT_RECYCLE=0} turns it off.
 */
public final class Spares {

  static final int MAX = 2;
  static final Duration KEEP = Duration.ofDays(1);
  /** A claim older than this belongs to an up that was cut off: its folder is deleted. */
  private static final Duration CLAIM = Duration.ofMinutes(10);
  private static final String CLAIMED = ".claimed-";

  private final Services services;

  Spares(Services services) {
    this.services = services;
  }

  static boolean enabled(Services services) {
    return !"0".equals(services.env().get("WT_RECYCLE"));
  }

  /**
   * Creates the worktree as {@link Git#addWorktree} does, from a spare folder when there is one.
   * Cut off after git made the worktree, it is finished like a cut-off checkout
   * ({@link UnfinishedCheckout}); a claimed spare left behind is deleted by {@link #sweep}.
   */
  void addWorktree(Repo repo, Path target, String branch, Git.BranchSource how, String start, Reporter reporter) {
    Git git = services.git();
    Optional<Path> claimed = claim(repo, how == Git.BranchSource.EXISTING ? "refs/heads/" + branch : start);
    if (claimed.isPresent() && !(services.disk().isFile(claimed.get().resolve("index"))
        && services.files().plainTree(claimed.get().resolve("tree")))) {
      services.files().deleteDetached(claimed.get()); // what it holds a checkout would not make right
      claimed = Optional.empty();
    }
    if (claimed.isEmpty()) {
      git.addWorktree(repo.main(), target, branch, how, start);
      return;
    }
    Path spare = claimed.get();
    try {
      git.addEmptyWorktree(repo.main(), target, branch, how, start);
    } catch (WtException e) {
      giveBack(repo.location().commonDir(), spare);
      throw e;
    }
    Path gitDir = repo.gitDirOf(target);
    if (gitDir == null) {
      throw WtException.environment("cannot read " + target.resolve(".git") + ", which git just wrote",
          "run wt up again: it finishes the checkout");
    }
    reporter.progress("reusing the folder of a removed worktree: git rewrites only the files that differ");
    fill(spare, target, gitDir);
    try {
      git.finishReusedCheckout(repo.main(), target, gitDir, branch);
    } catch (WtException e) {
      // WT_RECYCLE=0 alone would not help: the next up finishes this worktree, over the files moved in
      throw WtException.environment(e.getMessage() + " (the worktree at " + target + " is made, its checkout not finished)",
          "fix that, then run wt up again: it finishes the checkout; for one that writes every file instead, git worktree remove"
              + " --force --force " + Shell.quote(target.toString()) + " first, then WT_RECYCLE=0 wt up " + Shell.quote(branch), e);
    }
    services.files().deleteDetached(spare);
  }

  /**
   * Puts a claimed spare's files into the empty worktree: first the mark that makes
   * {@link Git#finishCheckout} delete what git does not track, then the index (git compares the
   * files with it), then the files. A file that does not move is written by the checkout instead.
   */
  private void fill(Path spare, Path worktree, Path gitDir) {
    var files = services.files();
    try {
      services.disk().write(gitDir.resolve(Git.RECYCLED), spare + "\n");
      files.moveAside(spare.resolve("index"), gitDir.resolve("index"));
      for (Path entry : services.disk().entriesIn(spare.resolve("tree"))) {
        String name = entry.getFileName().toString();
        if (!name.equals(".git")) {
          files.moveAside(entry, worktree.resolve(name));
        }
      }
    } catch (IOException e) {
      throw WtException.environment("cannot reuse " + spare + ": " + e.getMessage(),
          "run wt up again: it finishes the checkout, writing the files that were not moved in");
    }
  }

  /**
   * Takes for this command alone (a rename: two ups never get the same one) the newest spare whose
   * files were written with the attributes of {@code commit}; the others wait for another up.
   */
  private Optional<Path> claim(Repo repo, String commit) {
    if (!enabled(services)) {
      return Optional.empty();
    }
    Path common = repo.location().commonDir();
    try {
      List<Path> ready = ready(services, common);
      if (ready.isEmpty() || postCheckoutHook(repo).filter(services.disk()::isFile).isPresent()) {
        return Optional.empty(); // git runs that hook after a checkout: one that writes the files does
      }
      Optional<String> wanted = SpareAttributes.ofCommit(services, repo.main(), common, commit).map(SpareAttributes::text);
      if (wanted.isEmpty()) {
        return Optional.empty(); // cannot tell: a checkout writes the files
      }
      for (Path s : ready) {
        if (!services.disk().read(s.resolve(SpareAttributes.FILE)).equals(wanted)) {
          continue;
        }
        Path claimed = s.resolveSibling(CLAIMED + System.currentTimeMillis() + "-" + s.getFileName());
        if (services.files().moveAside(s, claimed)) {
          return Optional.of(claimed);
        }
      }
    } catch (IOException e) {
      // no spare to be had: a checkout writes the files
    }
    return Optional.empty();
  }

  /** Where git looks for the post-checkout hook: as located when wt runs in the main worktree, else asked for. */
  private Optional<Path> postCheckoutHook(Repo repo) {
    Path hooks = repo.location().isMain() ? repo.location().hooks() : null;
    return hooks != null ? Optional.of(hooks.resolve("post-checkout")) : services.git().hookFile(repo.main(), "post-checkout");
  }

  private void giveBack(Path common, Path claimed) {
    String name = claimed.getFileName().toString();
    String original = name.substring(name.indexOf('-', CLAIMED.length()) + 1);
    if (!services.files().moveAside(claimed, Trash.of(common).spares().resolve(original))) {
      services.files().deleteDetached(claimed);
    }
  }

  /** The spares waiting, newest first. */
  static List<Path> ready(Services services, Path common) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : services.disk().foldersIn(Trash.of(common).spares())) {
      if (!p.getFileName().toString().startsWith(".") && Trash.removedAt(p.getFileName().toString()).isPresent()) {
        out.add(p);
      }
    }
    // the name breaks a tie (two downs in one millisecond), so every down trims the same one
    out.sort(Comparator.comparing((Path p) -> Trash.removedAt(p.getFileName().toString()).orElseThrow())
        .thenComparing(p -> p.getFileName().toString()).reversed());
    return out;
  }

  /**
   * Deletes spares older than {@link #KEEP} and claims older than {@link #CLAIM} (an up cut off),
   * in the background; run with {@link dev.wt.app.gc.PendingDeletions}.
   */
  public static void sweep(Services services, Path common) {
    Trash trash = Trash.of(common);
    Instant now = Instant.now();
    try {
      for (Path p : services.disk().foldersIn(trash.spares())) {
        String name = p.getFileName().toString();
        if (name.startsWith(CLAIMED)) {
          if (claimedAt(name).map(t -> t.plus(CLAIM).isBefore(now)).orElse(false)) {
            services.files().deleteDetached(p);
          }
        } else if (Trash.removedAt(name).map(t -> t.plus(KEEP).isBefore(now)).orElse(false)) {
          discard(services, common, p);
        }
      }
    } catch (IOException e) {
      // unreadable now; the next command tries again
    }
  }

  /** Deletes a spare in the background, unless an up claims it first (a rename first decides). */
  static void discard(Services services, Path common, Path spare) {
    Path doomed = Trash.of(common).deleting().resolve(spare.getFileName());
    if (services.files().moveAside(spare, doomed)) {
      services.files().deleteDetached(doomed);
    }
  }

  private static Optional<Instant> claimedAt(String name) {
    int dash = name.indexOf('-', CLAIMED.length());
    try {
      return dash < 0 ? Optional.empty()
          : Optional.of(Instant.ofEpochMilli(Long.parseLong(name.substring(CLAIMED.length(), dash))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
