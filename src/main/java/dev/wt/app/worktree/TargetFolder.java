package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.Shell;
import dev.wt.core.Template;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.WtConfig;
import dev.wt.port.Git;
import dev.wt.port.LocalFiles;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chooses, checks and reserves (with the record) the folder {@code wt up} puts a new worktree in. */
final class TargetFolder {

  private final Services services;
  private final SetupUseCase setup;

  TargetFolder(Services services, SetupUseCase setup) {
    this.services = services;
    this.setup = setup;
  }

  /**
   * Chooses the folder and records the identity before touching git, both under the state lock:
   * concurrent ups never pick the same folder (feat/x and fix/x both want ../repo-x), and a crash
   * leaves a record that the next up finishes.
   */
  Path reserve(Path cwd, UpUseCase.Request request, Repo repo, WorktreeIdentity identity, boolean branchCreated,
      java.util.concurrent.atomic.AtomicBoolean reservedNow, List<Git.WorktreeEntry> worktrees, Reporter reporter) {
    return repo.state().locked(() -> {
      List<WorktreeRecord> records = repo.state().all();
      // the worktree list read under this up's lock: a concurrent up of another branch reserves its
      // folder in the records (checked here), before git knows it
      Path target = choose(cwd, request.dir(), repo, identity, worktrees);
      check(target, records, identity.branch());
      Optional<WorktreeRecord> clash = repo.state().bySlug(identity.slug());
      if (clash.isPresent() && !clash.get().identity().branch().equals(identity.branch())) {
        throw WtException.refused("identity " + identity.slug() + " is already used by branch "
            + clash.get().identity().branch() + " at " + clash.get().path(),
            "pick another branch name, or wt down " + clash.get().identity().branch() + " first");
      }
      Optional<Git.WorktreeEntry> holder = clash.flatMap(c -> repo.liveWorktreeOf(c, worktrees));
      if (holder.isPresent() && !holder.get().path().equals(RealPaths.of(target))) {
        // the branch was renamed in its worktree (Conductor does): that worktree still owns the identity
        throw WtException.refused("identity " + identity.slug() + " of " + identity.branch() + " belongs to the worktree at "
                + holder.get().path() + " (its branch is now " + holder.get().branch() + ")",
            "cd " + holder.get().path() + ", or wt down " + Shell.quote(identity.branch()) + " first");
      }
      setup.checkReservable(repo, identity);
      WorktreeRecord record = clash.isEmpty()
          ? new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, repo.project(), identity, target.toString(),
              repo.main().toString(), "up", branchCreated, Instant.now(), List.of(), null).withSetupPending(true)
          : clash.get().withPath(target.toString());
      if (!request.noSetup()) {
        // ports are chosen and claimed here, in the same hold of the lock that records them: of two
        // ups that both found the last block free, the second is refused now, before its checkout
        record = setup.reserve(repo, record, reporter);
      }
      reservedNow.set(clash.isEmpty());
      if (clash.isEmpty() || !record.equals(clash.get())) {
        repo.state().save(record);
      }
      return target;
    });
  }

  /**
   * The folder for the worktree: {@code dir} when asked ({@code --dir}), else the configured
   * {@code worktree_dir}; refused inside git's own folder.
   */
  Path choose(Path cwd, Path dir, Repo repo, WorktreeIdentity identity, List<Git.WorktreeEntry> worktrees) {
    Path target = RealPaths.of((dir != null
        ? WorktreeFolderPlan.asked(cwd.resolve(dir))
        : defaultDir(repo, identity, worktrees, repo.state().all())).folder());
    // git's own folder holds wt's trash and the folders it deletes in the background: a worktree
    // there would be deleted with them
    Path gitDir = RealPaths.of(repo.location().commonDir());
    if (target.startsWith(gitDir)) {
      throw WtException.refused("the worktree folder " + target + " would be inside the git folder " + gitDir,
          dir != null ? "pass a --dir outside " + gitDir
              : "set worktree_dir (wt.toml or wt.local.toml) to a folder outside " + gitDir);
    }
    return target;
  }

  private WorktreeFolderPlan defaultDir(Repo repo, WorktreeIdentity identity, List<Git.WorktreeEntry> worktrees,
      List<WorktreeRecord> records) {
    Path main = repo.main();
    Map<String, String> vars = Map.of(
        "WT_REPO", main.getFileName().toString(),
        "WT_NAME", identity.readable(),
        "WT_SLUG", identity.slug(),
        "WT_PROJECT", repo.project(),
        "WT_SUBDOMAIN", identity.subdomain());
    String pattern = repo.config().worktreeDir();
    Path dir = main.resolve(Template.expand(pattern, vars, "worktree_dir")).toAbsolutePath().normalize();
    if (!pattern.equals(WtConfig.DEFAULT_WORKTREE_DIR) && !usersOwn(repo, pattern)) {
      dev.wt.core.RepoGivenPaths.checkWorktreeDir(pattern, dir, main.toAbsolutePath().normalize());
      dev.wt.core.RepoGivenPaths.checkRealWorktreeDir(pattern, RealPaths.of(dir), RealPaths.of(main));
    }
    WorktreeFolderPlan.AtFolder at = new WorktreeFolderPlan.AtFolder(!isEmptyOrMissing(dir),
        worktrees.stream().anyMatch(w -> w.path().equals(RealPaths.of(dir)) && identity.branch().equals(w.branch())),
        claimedByOther(records, dir, identity.branch()).isPresent());
    Path bySlug = main.resolve(Template.expand("../${WT_REPO}-${WT_SLUG}", vars, "worktree_dir")).toAbsolutePath()
        .normalize();
    return WorktreeFolderPlan.fromPattern(pattern.equals(WtConfig.DEFAULT_WORKTREE_DIR), dir, at, bySlug);
  }

  /** Whether the user's own, untracked wt.local.toml sets this {@code worktree_dir}. */
  private boolean usersOwn(Repo repo, String pattern) {
    return services.configLoader().userFile(repo.location().worktreeRoot(), repo.main())
        .filter(f -> !services.git().isTracked(f.path()))
        .map(f -> pattern.equals(f.config().worktreeDir())).orElse(false);
  }

  /** The record of another branch whose worktree is (or is about to be) at {@code dir}. */
  private static Optional<WorktreeRecord> claimedByOther(List<WorktreeRecord> records, Path dir, String branch) {
    String path = RealPaths.of(dir).toString();
    return records.stream()
        .filter(r -> r.path().equals(path) && !r.identity().branch().equals(branch))
        .findFirst();
  }

  private boolean isEmptyOrMissing(Path dir) {
    try {
      LocalFiles.Spot spot = services.disk().spot(dir, false);
      return spot == LocalFiles.Spot.MISSING || spot == LocalFiles.Spot.EMPTY_FOLDER;
    } catch (IOException e) {
      return false;
    }
  }

  /** Refuses a folder another branch's record claims, a file, or a folder with entries. */
  void check(Path target, List<WorktreeRecord> records, String branch) {
    Optional<WorktreeRecord> claim = claimedByOther(records, target, branch);
    if (claim.isPresent()) {
      String other = claim.get().identity().branch();
      throw WtException.refused("target folder " + target + " belongs to the worktree of branch " + other,
          "pass another --dir, or release it first (wt down " + Shell.quote(other) + ", or wt teardown " + target + ")");
    }
    LocalFiles.Spot spot;
    try {
      spot = services.disk().spot(target, true);
    } catch (IOException e) {
      throw WtException.environment("cannot read " + target + ": " + e.getMessage(), "check its permissions");
    }
    if (spot == LocalFiles.Spot.NOT_A_FOLDER) {
      throw WtException.refused("target " + target + " exists and is not a folder", "pass another --dir");
    }
    if (spot == LocalFiles.Spot.FOLDER_WITH_ENTRIES) {
      throw WtException.refused("target folder " + target + " already exists and is not empty",
          "pass another --dir, or move that folder away");
    }
  }
}
