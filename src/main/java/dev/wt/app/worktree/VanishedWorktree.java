package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.Shell;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Git's entry of a linked worktree whose folder is gone ({@code .git/worktrees/<name>}), which still
 * holds what only that worktree had: its HEAD, its own refs ({@code refs/worktree}, {@code
 * refs/bisect}, {@code refs/rewritten}) and its submodules' repositories. It is removed on its own,
 * never with {@code git worktree prune}, which removes every vanished worktree's entry at once
 * whatever they hold.
 */
public final class VanishedWorktree {

  private final Services services;
  private final UnsavedCommits commits;

  public VanishedWorktree(Services services) {
    this.services = services;
    this.commits = new UnsavedCommits(services.git(), services.disk());
  }

  /**
   * Why the entry of {@code worktree} (its folder gone) must stay: the commits only it holds, as
   * {@code wt down} would refuse them, with how to keep them; empty when removing it loses nothing.
   *
   * @param all every worktree of the repository (their HEADs and own refs keep commits too)
   * @throws WtException when git cannot read the entry
   */
  public Optional<WtException> holdsWork(Repo repo, Git.WorktreeEntry worktree, List<Git.WorktreeEntry> all) {
    Path gitDir = commits.orphanedGitDir(repo.location().commonDir(), worktree.path());
    List<UnsavedCommits.Lost> lost = commits.find(repo.main(), worktree, gitDir, all, false);
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    // the slug wt down will save them under: its record's, else the one it derives
    String slug = repo.recordFor(worktree.path(), gitDir, worktree.branch()).map(WorktreeRecord::slug)
        .orElseGet(() -> WorktreeIdentity.derive(worktree.branch() != null ? worktree.branch()
            : worktree.path().getFileName().toString()).slug());
    WorkAtRisk.Facts f = new WorkAtRisk.Facts(repo.main(), worktree.path(), slug, false, worktree.locked());
    return Optional.of(WtException.refused(WorkAtRisk.lostMessage(worktree.path(), lost),
        String.join("; ", WorkAtRisk.howToKeep(f, lost)) + "; or wt down --force --keep-branch "
            + Shell.quote(worktree.path().toString()) + " saves them under " + UnsavedCommits.SAVED));
  }

  /**
   * Forgets the entry of {@code branch}'s worktree, whose folder was deleted by hand, so that
   * {@code wt up} can make it again; refused while it is locked or holds work.
   */
  void forgetToMakeAgain(Repo repo, String branch, Git.WorktreeEntry worktree, List<Git.WorktreeEntry> all,
      Reporter reporter) {
    if (worktree.locked()) {
      throw WtException.refused("the worktree of " + branch + " at " + worktree.path()
              + " is locked and its folder is missing (on a disk that is not mounted?)",
          "mount it again, or git worktree unlock " + worktree.path() + " and run wt up again");
    }
    Optional<WtException> work = holdsWork(repo, worktree, all);
    if (work.isPresent()) {
      throw WtException.refused("the folder of " + branch + "'s worktree is gone, but " + work.get().getMessage(),
          work.get().hint() + ", then run wt up again");
    }
    reporter.progress("the folder of " + branch + "'s worktree is gone (" + worktree.path() + "); pruning it");
    forget(repo.main(), worktree, false);
  }

  /**
   * Git's entry of a vanished worktree as a command checked it: its admin folder and what its
   * {@code gitdir} file said. A worktree made again at that path has its folder, and may get the
   * same admin folder and the same {@code gitdir}: {@link #forgetIfUnchanged} compares all three.
   */
  public record Entry(Path adminFolder, String gitdir) {}

  /** The entry of {@code worktree} (its folder gone) as it is now; empty when no admin folder names its path. */
  public Optional<Entry> entryOf(Repo repo, Git.WorktreeEntry worktree) {
    Path admin = commits.orphanedGitDir(repo.location().commonDir(), worktree.path());
    return admin == null ? Optional.empty() : gitdir(admin).map(g -> new Entry(admin, g));
  }

  /** How {@link #forgetIfUnchanged} ended. */
  public enum Forgotten {
    REMOVED,
    /** Another command removed the entry since it was checked. */
    GONE,
    /** The folder is back, or the entry is another worktree's now: left alone. */
    CHANGED,
    /** A wt command holds the worktree's lock (it is making or removing it): left alone. */
    BUSY
  }

  /**
   * {@link #forget} for a caller that checked {@code seen} without a lock: holding the worktree's
   * lock, the one {@code wt up} and {@code wt down} hold while they make or remove it (by its record
   * and by its branch, which may differ), and only while the entry is still {@code seen} and its
   * folder still missing. Removal goes by path: between a check and it, an up could otherwise have
   * made a clean worktree there, and git would remove that one.
   */
  public Forgotten forgetIfUnchanged(Repo repo, Git.WorktreeEntry worktree, Entry seen) {
    return whileIdle(repo, lockSlugs(repo, worktree, seen.adminFolder()), () -> {
      if (!services.disk().isDirectory(seen.adminFolder())) {
        return Forgotten.GONE;
      }
      if (services.disk().isDirectory(worktree.path()) || !gitdir(seen.adminFolder()).equals(Optional.of(seen.gitdir()))) {
        return Forgotten.CHANGED;
      }
      forget(repo.main(), worktree, false);
      return Forgotten.REMOVED;
    }).orElse(Forgotten.BUSY);
  }

  /** The slugs up and down lock a worktree by: its record's, and the one its branch (or folder) derives. */
  private static List<String> lockSlugs(Repo repo, Git.WorktreeEntry worktree, Path adminFolder) {
    List<String> slugs = new ArrayList<>();
    repo.recordFor(worktree.path(), adminFolder, worktree.branch()).ifPresent(r -> slugs.add(r.slug()));
    String derived = WorktreeIdentity.derive(worktree.branch() != null ? worktree.branch()
        : worktree.path().getFileName().toString()).slug();
    if (!slugs.contains(derived)) {
      slugs.add(derived);
    }
    return slugs;
  }

  /** {@code action} holding every one of those worktree locks; empty, without waiting, when a command holds one. */
  private static <T> Optional<T> whileIdle(Repo repo, List<String> slugs, Supplier<T> action) {
    if (slugs.isEmpty()) {
      return Optional.of(action.get());
    }
    return repo.state().ifWorktreeIdle(slugs.get(0), () -> whileIdle(repo, slugs.subList(1, slugs.size()), action))
        .flatMap(held -> held);
  }

  private Optional<String> gitdir(Path adminFolder) {
    try {
      return services.disk().read(adminFolder.resolve("gitdir")).map(String::strip);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes git's entry of {@code worktree}, whose folder is gone, and no other: {@code git worktree
   * remove} of a missing folder deletes only its admin folder.
   *
   * @param unlock also when the worktree is locked (the caller was told {@code --force})
   */
  public void forget(Path main, Git.WorktreeEntry worktree, boolean unlock) {
    services.git().removeWorktree(main, worktree.path(), unlock);
  }
}
