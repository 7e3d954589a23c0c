package dev.wt.app;

import dev.wt.core.GeneratedFile;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Removes a worktree without losing work: refuses dirty trees, keeps unmerged branches. */
public final class DownUseCase {

  private static final int LISTED = 10;
  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]*_[0-9a-f]{6}");

  private final Services services;
  private final TeardownUseCase teardown;
  private final List<WorktreeStopper> stoppers;

  public DownUseCase(Services services, TeardownUseCase teardown, List<WorktreeStopper> stoppers) {
    this.services = services;
    this.teardown = teardown;
    this.stoppers = List.copyOf(stoppers);
  }

  /** Something that must stop using a worktree before its folder goes (its processes). */
  @FunctionalInterface
  public interface WorktreeStopper {
    void stop(Path worktree, Reporter reporter);
  }

  /**
   * What the user asked for.
   *
   * @param shellCwd where wt was started, which {@code -C} does not change: the shell standing there
   *     must not lose its folder
   */
  public record Request(String target, boolean force, boolean keepBranch, Path shellCwd) {
    public Request(String target, boolean force, boolean keepBranch) {
      this(target, force, keepBranch, null);
    }
  }

  /** What down did. */
  public record Result(String path, String branch, boolean worktreeRemoved, String branchOutcome,
      TeardownUseCase.Result teardown) {}

  public Result down(Path cwd, Request request, Reporter reporter) {
    Git git = services.git();
    Repo repo = Repo.open(services, cwd);
    Path main = repo.main();
    List<Git.WorktreeEntry> worktrees = git.worktrees(main);
    Optional<WorktreeRecord> named = recordNamed(repo, request.target());
    Optional<Git.WorktreeEntry> entry = find(cwd, request.target(), worktrees)
        .or(() -> named.flatMap(r -> repo.liveWorktreeOf(r, worktrees)));

    if (entry.isEmpty()) {
      Optional<WorktreeRecord> orphan = named;
      if (orphan.isPresent()) {
        reporter.warn("the worktree of " + request.target() + " is already gone; finishing its teardown");
        git.pruneWorktrees(main);
        // an interrupted down may have removed the folder but not the branch: same rule as always
        String branch = orphan.get().identity().branch();
        String branchOutcome = branch(repo, branch, request, reporter);
        TeardownUseCase.Result t = teardown.release(repo, orphan.get(), reporter);
        return new Result(orphan.get().path(), branch, false, branchOutcome, t);
      }
      throw WtException.refused("no worktree for '" + request.target() + "'",
          "wt list shows the worktrees; pass a branch name or a worktree path");
    }
    Git.WorktreeEntry wt = entry.get();
    if (wt.main()) {
      throw WtException.refused("refusing to remove the main worktree " + wt.path(), "pass a linked worktree");
    }
    for (Path here : request.shellCwd() == null ? List.of(cwd) : List.of(cwd, request.shellCwd())) {
      if (UpUseCase.canonical(here).startsWith(wt.path())) {
        throw WtException.refused("you are inside " + wt.path(), "cd " + main + " first, then run wt down again");
      }
    }
    Optional<WorktreeRecord> record = repo.recordFor(wt.path(),
        Files.isDirectory(wt.path()) ? Repo.gitDirOf(wt.path()) : null, wt.branch());

    if (Files.isDirectory(wt.path()) && !request.force()) {
      if (wt.locked()) {
        throw WtException.refused("worktree " + wt.path() + " is locked", "git worktree unlock it, or pass --force");
      }
      List<String> dirty = userChanges(wt.path(), record);
      if (!dirty.isEmpty()) {
        String shown = dirty.stream().limit(LISTED).collect(Collectors.joining(", "));
        String more = dirty.size() > LISTED ? " and " + (dirty.size() - LISTED) + " more" : "";
        throw WtException.refused("worktree " + wt.path() + " has uncommitted changes that would be lost: " + shown + more,
            "commit or stash them (cd " + wt.path() + " && git status), or pass --force to discard them");
      }
      List<String> ignored = userIgnoredFiles(wt.path(), record);
      if (!ignored.isEmpty()) {
        String shown = ignored.stream().limit(LISTED).collect(Collectors.joining(", "));
        String more = ignored.size() > LISTED ? " and " + (ignored.size() - LISTED) + " more" : "";
        throw WtException.refused("worktree " + wt.path() + " holds ignored files wt did not put there, which would be lost: "
            + shown + more, "move them somewhere safe (or to the main worktree), or pass --force to delete them");
      }
    }

    for (WorktreeStopper s : stoppers) {
      s.stop(wt.path(), reporter);
    }
    if (Files.isDirectory(wt.path())) {
      git.removeWorktree(main, wt.path(), true);
      reporter.done("removed worktree " + wt.path());
    } else {
      git.pruneWorktrees(main);
      reporter.done("pruned missing worktree " + wt.path());
    }

    String branchOutcome = branch(repo, wt.branch(), request, reporter);
    TeardownUseCase.Result t = record.map(r -> teardown.release(repo, r, reporter))
        .orElse(new TeardownUseCase.Result(null, wt.path().toString(), List.of()));
    return new Result(wt.path().toString(), wt.branch(), true, branchOutcome, t);
  }

  /** Deletes the branch when nothing would be lost (or when forced); says why it keeps it. */
  private String branch(Repo repo, String branch, Request request, Reporter reporter) {
    Git git = services.git();
    if (branch == null) {
      return "detached";
    }
    String base = repo.base();
    String baseName = base.startsWith("origin/") ? base.substring("origin/".length()) : base;
    if (request.keepBranch()) {
      reporter.unchanged("kept branch " + branch + " (--keep-branch)");
      return "kept";
    }
    if (branch.equals(baseName) || branch.equals(base)) {
      reporter.unchanged("kept branch " + branch + ": it is the base branch");
      return "kept";
    }
    if (!git.localBranchExists(repo.main(), branch)) {
      return "gone";
    }
    String sha = git.resolve(repo.main(), "refs/heads/" + branch).map(x -> x.substring(0, Math.min(12, x.length())))
        .orElse("?");
    if (request.force()) {
      git.deleteBranch(repo.main(), branch, true);
      reporter.done("deleted branch " + branch + " (--force; it was at " + sha + ": git branch " + dev.wt.core.Shell.quote(branch)
          + " " + sha + " brings it back)");
      return "deleted";
    }
    if (!git.refExists(repo.main(), base)) {
      reporter.warn("kept branch " + branch + ": the base " + base + " does not exist, so wt cannot tell whether it is "
          + "merged (set base in wt.toml; wt down --force deletes it anyway)");
      return "kept-unmerged";
    }
    if (git.isMerged(repo.main(), branch, base)) {
      git.deleteBranch(repo.main(), branch, true);
      reporter.done("deleted branch " + branch + " (merged into " + base + "), it was at " + sha);
      return "deleted";
    }
    Git.AheadBehind ab = git.aheadBehind(repo.main(), "refs/heads/" + branch, base);
    reporter.warn("kept branch " + branch + ": " + ab.ahead() + " commit(s) not merged into " + base
        + " (wt down --force deletes it anyway)");
    return "kept-unmerged";
  }

  /**
   * Ignored files and folders that {@code git worktree remove} would delete and nobody can make
   * again: not wt's own (unchanged) files, not dependency or build output.
   */
  private List<String> userIgnoredFiles(Path worktree, Optional<WorktreeRecord> record) {
    List<String> out = new java.util.ArrayList<>();
    for (String entry : services.git().ignoredEntries(worktree)) {
      if (REGENERABLE.matcher(entry).find()) {
        continue;
      }
      boolean holdsOurs = entry.endsWith("/") && record.isPresent()
          && record.get().files().stream().anyMatch(f -> f.path().startsWith(entry));
      if (!holdsOurs) {
        if (record.isEmpty() || !ownedAndUnchanged(worktree, record.get(), entry)) {
          out.add(entry);
        }
        continue;
      }
      // a folder git shows whole because wt put a file into it: judge what is inside one by one
      try (java.util.stream.Stream<Path> files = Files.walk(worktree.resolve(entry))) {
        files.filter(f -> !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            .map(f -> worktree.relativize(f).toString())
            .filter(f -> !REGENERABLE.matcher(f).find() && !ownedAndUnchanged(worktree, record.get(), f))
            .forEach(out::add);
      } catch (java.io.IOException e) {
        out.add(entry);
      }
    }
    return out;
  }

  /** Dependencies, caches and build output: made again by an install or a build. */
  private static final java.util.regex.Pattern REGENERABLE = java.util.regex.Pattern.compile(
      "(^|/)(node_modules|\\.pnpm-store|bower_components|vendor/bundle|\\.venv|venv|__pycache__|\\.pytest_cache"
          + "|\\.mypy_cache|\\.ruff_cache|\\.tox|\\.next|\\.nuxt|\\.svelte-kit|\\.turbo|\\.parcel-cache|\\.cache"
          + "|\\.vite|dist|build|target|coverage|\\.gradle|\\.DS_Store)(/|$)"
          + "|\\.(log|pyc|tsbuildinfo|eslintcache)$");

  /** Uncommitted or untracked paths, less the files wt itself put there unchanged. */
  private List<String> userChanges(Path worktree, Optional<WorktreeRecord> record) {
    List<String> dirty = services.git().dirtyPaths(worktree);
    if (record.isEmpty()) {
      return dirty;
    }
    return dirty.stream().filter(p -> !ownedAndUnchanged(worktree, record.get(), p)).toList();
  }

  private boolean ownedAndUnchanged(Path worktree, WorktreeRecord record, String path) {
    String clean = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    boolean insideCopiedFolder = record.files().stream()
        .anyMatch(g -> g.sha256() == null && COPIED.contains(g.kind()) && clean.startsWith(g.path() + "/"));
    Optional<GeneratedFile> f = record.file(clean);
    if (insideCopiedFolder || f.isPresent() && f.get().sha256() == null && COPIED.contains(f.get().kind())) {
      // wt does not fingerprint copied folders: a file is wt's while it is still what the main worktree has
      return sameAsMain(worktree, Path.of(record.mainPath()), clean);
    }
    if (f.isEmpty()) {
      return false;
    }
    if (f.get().sha256() == null) {
      return true; // a worktree database file: its data goes with the worktree, like a PostgreSQL one
    }
    return services.files().fingerprint(worktree.resolve(path)).map(f.get().sha256()::equals).orElse(false);
  }

  /** Kinds of files wt copied from the main worktree. */
  private static final java.util.Set<String> COPIED = java.util.Set.of("copy", "include");

  /** Whether every file at {@code rel} (a file, or a folder's files) equals the main worktree's copy. */
  private boolean sameAsMain(Path worktree, Path main, String rel) {
    Path here = worktree.resolve(rel);
    if (!Files.isDirectory(here, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Optional<String> mine = services.files().fingerprint(here);
      return mine.isPresent() && mine.equals(services.files().fingerprint(main.resolve(rel)));
    }
    try (java.util.stream.Stream<Path> files = Files.walk(here)) {
      return files.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .allMatch(p -> sameAsMain(worktree, main, worktree.relativize(p).toString()));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The record whose frozen identity the user named: its original branch, or its slug. */
  private static Optional<WorktreeRecord> recordNamed(Repo repo, String target) {
    return repo.recordForBranch(target)
        .or(() -> SLUG.matcher(target).matches() ? repo.state().bySlug(target) : Optional.empty());
  }

  private static Optional<Git.WorktreeEntry> find(Path cwd, String target, List<Git.WorktreeEntry> worktrees) {
    Path asPath = UpUseCase.canonical(cwd.resolve(target));
    Optional<Git.WorktreeEntry> byPath = worktrees.stream().filter(w -> w.path().equals(asPath)).findFirst();
    if (byPath.isPresent()) {
      return byPath;
    }
    return worktrees.stream().filter(w -> target.equals(w.branch())).findFirst();
  }
}
