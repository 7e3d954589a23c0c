package dev.wt.app;

import dev.wt.core.RepoKey;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.WtConfig;
import dev.wt.port.Git;
import dev.wt.port.GitFiles;
import dev.wt.port.LocalFiles;
import dev.wt.port.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One repository as a use case sees it: where it is, its configuration and its state.
 *
 * @param disk the local disk, where git's worktree files and wt's slug markers are read ({@link #gitFiles()})
 */
public record Repo(Git.RepoLocation location, WtConfig config, StateStore state, String project, String base,
    LocalFiles disk) {

  /** Opens the repository containing {@code dir}. */
  public static Repo open(Services services, Path dir) {
    Git.RepoLocation loc = services.git().locate(dir);
    WtConfig config = services.configLoader().load(loc.worktreeRoot(), loc.mainWorktree());
    String project = config.project() != null ? config.project() : loc.mainWorktree().getFileName().toString();
    String base = base(config.base(), services.git(), loc.mainWorktree());
    return new Repo(loc, config, services.stateStores().apply(loc.commonDir()), project, base, services.disk());
  }

  /**
   * This repository seen from another of its worktrees, at {@code loc}, without asking git again:
   * that worktree's configuration is read, the state and (unless configured) the base are shared.
   */
  public Repo at(Services services, Git.RepoLocation loc) {
    WtConfig c = services.configLoader().load(loc.worktreeRoot(), loc.mainWorktree());
    String p = c.project() != null ? c.project() : loc.mainWorktree().getFileName().toString();
    String b = c.base() == null && config.base() == null ? base : base(c.base(), services.git(), loc.mainWorktree());
    return new Repo(loc, c, state, p, b, disk);
  }

  /** The base: {@code configured}, else the default {@link BaseChoice} reads from git; {@code wt -v} says which and why. */
  private static String base(String configured, Git git, Path main) {
    BaseChoice c = configured != null ? BaseChoice.configured(configured) : BaseChoice.byDefault(git.baseRefs(main), () -> {
      List<Git.WorktreeEntry> all = git.worktrees(main);
      return all.isEmpty() ? null : all.get(0).branch();
    });
    dev.wt.port.DebugLog.of(Repo.class).debug("base {}: {}", c.ref(), c.why());
    return c.ref();
  }

  /**
   * The short key of this repository stamped into database comments: of its path and its random id
   * ({@link RepoKey#mark(Path, dev.wt.core.RepositoryId)}), so a repository at the same path on
   * another machine has another. Reads the id, or makes it the first time (refused, exit 3, when
   * neither can be done).
   */
  public String key() {
    return RepoKey.mark(location.commonDir(), state.repositoryId());
  }

  /**
   * The key database marks carried before repository ids: of the path alone ({@link RepoKey#mark()}).
   * A database marked with it is this repository's or another machine's with the repository at the
   * same path: wt takes it as its own only where a record of this repository names it.
   */
  public String legacyKey() {
    return RepoKey.of(location.commonDir()).mark();
  }

  /**
   * The key approvals are kept under: of the path alone ({@link RepoKey#mark()}). The trust list is
   * per user and per machine, so another machine's repository at the same path never sees it.
   */
  public String trustKey() {
    return RepoKey.of(location.commonDir()).mark();
  }

  /** The name of this repository's servers: cluster folder, container prefix ({@link RepoKey#serverName}). */
  public String serverKey() {
    return RepoKey.of(location.commonDir()).serverName(main().getFileName().toString());
  }

  public Path main() {
    return location.mainWorktree();
  }

  /**
   * The record of the worktree at {@code worktree}: by the slug marker in its git dir (which
   * survives renamed folders and branches), else by its recorded path, but only when the record's
   * branch is the one checked out there ({@code branch}; null when detached or unknown), so that a
   * new worktree at the path of a removed one never inherits its identity (databases, ports).
   */
  public Optional<WorktreeRecord> recordFor(Path worktree, Path gitDir, String branch) {
    if (gitDir != null) {
      try {
        Optional<WorktreeRecord> r = gitFiles().readMarker(gitDir).flatMap(state::bySlug);
        if (r.isPresent()) {
          return r;
        }
      } catch (IOException e) {
        throw WtException.environment("cannot read " + GitFiles.marker(gitDir) + ": " + e.getMessage(),
            "check its permissions");
      }
    }
    String path = worktree.toString();
    return state.all().stream()
        .filter(r -> r.path().equals(path))
        .filter(r -> branch == null || r.identity().branch().equals(branch))
        .findFirst();
  }

  /**
   * {@link #recordFor(Path, Path, String)} with the branch checked out at {@code worktree} when it
   * is the worktree this repository was opened in (its branch is known), else without the check.
   */
  public Optional<WorktreeRecord> recordFor(Path worktree, Path gitDir) {
    return recordFor(worktree, gitDir, worktree.equals(location.worktreeRoot()) ? location.branch() : null);
  }

  /**
   * The live worktree a record belongs to, found by its slug marker or by path and branch: after a
   * rename or a move its identity still means that worktree.
   */
  public Optional<Git.WorktreeEntry> liveWorktreeOf(WorktreeRecord record, List<Git.WorktreeEntry> worktrees) {
    return worktrees.stream()
        .filter(w -> !w.main() && disk.isDirectory(w.path()))
        .filter(w -> recordFor(w.path(), gitDirOf(w.path()), w.branch()).map(r -> r.slug().equals(record.slug()))
            .orElse(false))
        .findFirst();
  }

  /** The git dir of a linked worktree, without running git ({@link GitFiles#gitDirOf}); null when there is none. */
  public Path gitDirOf(Path worktree) {
    return gitFiles().gitDirOf(worktree);
  }

  /** The reader of git's worktree files and wt's markers on this repository's disk. */
  public GitFiles gitFiles() {
    return new GitFiles(disk);
  }

  /** The record of the worktree whose original branch is {@code branch}. */
  public Optional<WorktreeRecord> recordForBranch(String branch) {
    return state.all().stream().filter(r -> r.identity().branch().equals(branch)).findFirst();
  }
}
