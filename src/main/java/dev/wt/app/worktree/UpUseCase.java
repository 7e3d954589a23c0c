package dev.wt.app.worktree;

import dev.wt.core.ExitCode;
import dev.wt.core.Shell;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/** Creates (or finishes creating) the worktree of a branch and provisions it. */
public final class UpUseCase {

  private final Services services;
  private final SetupUseCase setup;
  private final TargetFolder folders;

  public UpUseCase(Services services, SetupUseCase setup) {
    this.services = services;
    this.setup = setup;
    this.folders = new TargetFolder(services, setup);
  }

  /** What the user asked for. */
  /** What {@code wt up} was asked; {@code fetch}: fetch the base from its remote first ({@code --fetch}). */
  public record Request(String branch, String base, Path dir, boolean noSetup, boolean fetch) {
    public Request(String branch, String base, Path dir, boolean noSetup) {
      this(branch, base, dir, noSetup, false);
    }
  }

  /** What up made; {@code setup} is null with {@code --no-setup}. */
  public record Result(WorktreeRecord record, Path path, String branchSource, boolean created, SetupResult setup) {}

  public Result up(Path cwd, Request request, Reporter reporter) {
    Git git = services.git();
    Repo repo = Repo.open(services, cwd);
    Path main = repo.main();
    dev.wt.app.gc.PendingDeletions.resume(services, repo.location().commonDir());
    if (!request.noSetup()) {
      setup.ahead().warm(repo);
    }
    String branch = request.branch();
    if (!git.isValidBranchName(main, branch)) {
      throw WtException.refused("'" + branch + "' is not a valid branch name",
          "use letters, digits and / - _ . (no spaces, no leading '-', no '..', at most 250 bytes between slashes); see git check-ref-format");
    }
    WorktreeIdentity identity = WorktreeIdentity.derive(branch);
    // one up or setup of a worktree at a time: of ten parallel ups of a branch one makes it, the
    // others then find it there
    Runnable notice = SetupState.waitingNotice(reporter);
    boolean[] waited = {false};
    return repo.state().lockedWorktree(identity.slug(), () -> {
      waited[0] = true;
      notice.run();
    }, () -> upHeld(cwd, request, repo, identity, waited[0] ? null : repo.location().worktrees(), reporter));
  }

  /** @param located git's worktree list as read before the lock, null when it must be read again (another command held it) */
  private Result upHeld(Path cwd, Request request, Repo repo, WorktreeIdentity identity,
      List<Git.WorktreeEntry> located, Reporter reporter) {
    Git git = services.git();
    Path main = repo.main();
    String branch = request.branch();
    // setup's checks make nothing: they run beside the git reads below, and are waited for before the checkout
    java.util.concurrent.Future<?> setupChecks = request.noSetup() ? null : setup.ahead().startPreflight(repo, identity, reporter);
    // a checkout a killed up left half done is finished first: the refs below are read after it
    List<Git.WorktreeEntry> worktrees = UnfinishedCheckout.finishOwn(git, repo, identity,
        located != null ? located : git.worktrees(main), reporter);
    // the refs this branch name touches, in one read: its local and remote-tracking branches, and any
    // ref whose path is in the way of creating it
    BranchRefs refs = BranchRefs.read(git, main, branch);
    if (!refs.local() && refs.remoteNamed()) {
      // a local branch named origin/x would shadow the remote-tracking ref (and the base) in every git command
      String local = branch.substring(branch.indexOf('/') + 1);
      throw WtException.refused("'" + branch + "' is a remote-tracking branch, not a name for a new one",
          "wt up " + Shell.quote(local) + " checks out a local branch that tracks it");
    }
    Optional<Git.WorktreeEntry> holder = worktrees.stream().filter(w -> branch.equals(w.branch())).findFirst();
    if (holder.isPresent() && !holder.get().main() && !services.disk().isDirectory(holder.get().path())) {
      // its folder was deleted by hand and git still lists it: forget it and make it again
      new VanishedWorktree(services).forgetToMakeAgain(repo, branch, holder.get(), worktrees, reporter);
      worktrees = git.worktrees(main);
      holder = worktrees.stream().filter(w -> branch.equals(w.branch())).findFirst();
    }
    Path target = folders.choose(cwd, request.dir(), repo, identity, worktrees);

    if (holder.isPresent()) {
      Path at = holder.get().path();
      boolean ours = repo.recordFor(at, repo.gitDirOf(at), branch).map(r -> r.slug().equals(identity.slug())).orElse(false);
      if (holder.get().main() || (!ours && !at.equals(RealPaths.of(target)))) {
        throw WtException.refused("branch " + branch + " is already checked out at " + at,
            holder.get().main() ? "switch the main worktree to another branch first, or pick another branch name"
                : "cd " + at + " (it already is this branch's worktree), or wt down " + branch + " first");
      }
      if (request.dir() != null && !at.equals(RealPaths.of(cwd.resolve(request.dir())))) {
        throw WtException.refused("branch " + branch + " already has its worktree at " + at + ", not at " + request.dir(),
            "drop --dir to finish that one, or git worktree move " + at + " " + request.dir());
      }
      reporter.unchanged("worktree for " + branch + " already exists at " + at);
      SetupResult s = request.noSetup() ? null : setup.setupHeld(
          repo.at(services, new Git.RepoLocation(at, repo.gitDirOf(at) != null ? repo.gitDirOf(at) : at.resolve(".git"),
              repo.location().commonDir(), main, holder.get().branch())),
          existingOptions(repo, at, identity), reporter);
      return new Result(s == null ? repo.recordFor(at, repo.gitDirOf(at), branch).orElse(null) : s.record(), at,
          "existing", false, s);
    }

    if (request.dir() != null) {
      // early, for a quick answer; again under the lock. A default folder is not checked here: one
      // another up took since it was chosen above is chosen anew there (the fallback by slug)
      folders.check(target, repo.state().all(), branch);
    }
    Git.BranchSource how;
    String start = null;
    if (refs.local()) {
      how = Git.BranchSource.EXISTING;
    } else if (refs.origin()) {
      how = Git.BranchSource.TRACK_REMOTE;
      start = "origin/" + branch;
    } else {
      how = Git.BranchSource.NEW;
      start = request.base() != null ? request.base() : baseRef(repo);
      if (request.fetch() || repo.config().git().fetch()) {
        fetchBase(repo, start, reporter);
      }
      if (!git.refExists(main, start)) {
        throw WtException.refused("base '" + start + "' does not name a commit",
            request.base() != null ? "pass an existing branch, tag or commit to --base"
                : "set base in wt.toml or pass --base <ref> (a repository needs at least one commit)");
      }
    }
    Preflight.check(identity, how != Git.BranchSource.EXISTING ? refs.blocking() : Optional.empty(), setupChecks);
    java.util.concurrent.atomic.AtomicBoolean reservedNow = new java.util.concurrent.atomic.AtomicBoolean();
    target = folders.reserve(cwd, request, repo, identity, how != Git.BranchSource.EXISTING, reservedNow, worktrees, reporter);

    reporter.progress("creating worktree at " + target + " (" + describe(how, start) + ")");
    // the databases need no folder: made while git checks it out (the intent is in the record first)
    java.util.concurrent.Future<?> early = request.noSetup() ? null : setup.ahead().startEarly(repo, identity.slug(), reporter);
    try {
      new Spares(services).addWorktree(repo, target, branch, how, start, reporter);
    } catch (WtException e) {
      // nothing usable was made: leave no record that list would show, and no branch of ours
      if (early != null) {
        SetupAhead.awaitEarly(early);
        setup.ahead().dropEarly(repo, identity.slug(), reporter); // only what this run made
      }
      if (reservedNow.get()) {
        repo.state().delete(identity.slug());
      }
      if (how != Git.BranchSource.EXISTING && git.localBranchExists(main, branch)
          && worktreesOn(main, branch).isEmpty()) {
        git.deleteBranch(main, branch, true);
      }
      throw e;
    }
    if (early != null) {
      SetupAhead.awaitEarly(early);
    }
    Path created = RealPaths.of(target);
    Path gitDir = repo.gitDirOf(created);
    if (gitDir != null) {
      repo.gitFiles().writeMarker(gitDir, identity.slug()); // before setup: --no-setup and a rename keep the identity
    }
    reporter.done("worktree " + created + " on branch " + branch + " (" + describe(how, start) + ")");
    SetupResult s = request.noSetup() ? null
        : setupCreated(repo, created, gitDir, branch, new SetupUseCase.Options(false, false, "up",
            how != Git.BranchSource.EXISTING, reservedNow.get()), reporter);
    WorktreeRecord record = s != null ? s.record() : repo.state().bySlug(identity.slug()).orElse(null);
    return new Result(record, created, how.name().toLowerCase(java.util.Locale.ROOT), true, s);
  }

  /**
   * Sets up a worktree this run just created. A failure now leaves a worktree behind, so it is a
   * partial failure (exit 4) that says so, never a refusal a script would read as "nothing made";
   * but an environment that went away (the database server) stays exit 3, as documented.
   */
  private SetupResult setupCreated(Repo repo, Path created, Path gitDir, String branch, SetupUseCase.Options options,
      Reporter reporter) {
    Repo there;
    try {
      // the new worktree's own wt.toml and wt.local.toml, as the branch has them
      there = gitDir == null ? Repo.open(services, created)
          : repo.at(services, new Git.RepoLocation(created, gitDir, repo.location().commonDir(), repo.main(), branch));
    } catch (WtException e) {
      // a configuration that cannot be read (a syntax error, an unknown key) sets nothing up: the
      // databases made beside the checkout go again, and the worktree stays for the file to be fixed in
      try {
        setup.ahead().dropEarly(repo, WorktreeIdentity.derive(branch).slug(), reporter);
      } catch (RuntimeException also) {
        e.addSuppressed(also); // the record keeps them: the re-run or wt down drops them
      }
      throw stopped(created, branch, e, "edit it in " + created);
    }
    try {
      return setup.setupHeld(there, options, reporter);
    } catch (WtException e) {
      throw stopped(created, branch, e, null);
    }
  }

  /** Setup of a worktree this run created stopped on {@code e}: exit 4 (3 when the environment went away). */
  private static WtException stopped(Path created, String branch, WtException e, String fix) {
    String message = "worktree " + created + " is created, but its setup stopped: " + e.getMessage();
    String finish = (fix == null ? "" : fix + ", then ") + "run wt up " + Shell.quote(branch) + " again to finish";
    String hint = e.exitCode() == ExitCode.PARTIAL && e.hint() != null ? e.hint()
        : e.hint() == null ? finish : e.hint() + "; " + (fix == null ? "then " : "") + finish;
    return new WtException(e.exitCode() == ExitCode.ENVIRONMENT ? ExitCode.ENVIRONMENT : ExitCode.PARTIAL, message,
        hint, e);
  }

  /**
   * Brings a remote-tracking base ({@code origin/main}) up to date, so that a new branch does not
   * start at what the last fetch saw. A local base is not moved (that is the user's branch).
   */
  private void fetchBase(Repo repo, String base, Reporter reporter) {
    int slash = base.indexOf('/');
    if (slash <= 0 || !services.git().refExists(repo.main(), "refs/remotes/" + base)) {
      reporter.warn("--fetch: the base " + base + " is not a remote-tracking branch (such as origin/main), so there "
          + "is nothing to fetch it from; set base = \"origin/" + base + "\" in wt.toml to start from the remote's");
      return;
    }
    String remote = base.substring(0, slash);
    String branch = base.substring(slash + 1);
    reporter.progress("fetching " + branch + " from " + remote);
    String before = services.git().refExists(repo.main(), base) ? revision(repo, base) : null;
    services.git().fetchBranch(repo.main(), remote, branch);
    String after = revision(repo, base);
    reporter.done("fetched " + base + (java.util.Objects.equals(before, after) ? " (already up to date)" : " (updated)"));
  }

  private String revision(Repo repo, String ref) {
    return services.git().resolve(repo.main(), ref).orElse(null);
  }

  /** The ref new branches start from: the configured base, else the remote's default, else main. */
  static String baseRef(Repo repo) {
    return repo.base();
  }

  private SetupUseCase.Options existingOptions(Repo repo, Path at, WorktreeIdentity identity) {
    boolean created = repo.state().bySlug(identity.slug()).map(WorktreeRecord::branchCreated).orElse(false);
    return new SetupUseCase.Options(false, false, "up", created);
  }

  /** The worktrees git lists on {@code branch} now, read again after the failed checkout. */
  private List<Git.WorktreeEntry> worktreesOn(Path main, String branch) {
    return services.git().worktrees(main).stream().filter(w -> branch.equals(w.branch())).toList();
  }

  private static String describe(Git.BranchSource how, String start) {
    return switch (how) {
      case NEW -> "new branch from " + start;
      case EXISTING -> "existing branch";
      case TRACK_REMOTE -> "tracking " + start;
    };
  }
}
