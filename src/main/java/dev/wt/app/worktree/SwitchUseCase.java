package dev.wt.app.worktree;

import dev.wt.app.Services;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where {@code wt switch} goes: a branch's worktree (made by {@code wt up} when missing), or main. */
public final class SwitchUseCase {

  private final Services services;
  private final UpUseCase up;

  public SwitchUseCase(Services services, UpUseCase up) {
    this.services = services;
    this.up = up;
  }

  /**
   * The answer: a folder to go to, or (no branch given, standing in the main worktree) the
   * worktrees to choose from.
   *
   * @param created whether {@code wt up} made the worktree just now
   * @param setup what set-up did when it was made now, else null
   */
  public record Result(Path path, boolean created, List<Git.WorktreeEntry> choices, SetupResult setup) {}

  public Result switchTo(Path cwd, String branch, Reporter reporter) {
    Git git = services.git();
    Git.RepoLocation here = git.locate(cwd);
    if (branch == null) {
      return here.isMain() ? new Result(null, false, git.worktrees(here.mainWorktree()), null)
          : new Result(here.mainWorktree(), false, List.of(), null);
    }
    Optional<Git.WorktreeEntry> existing = git.worktrees(here.mainWorktree()).stream()
        .filter(w -> branch.equals(w.branch()) && services.disk().isDirectory(w.path())).findFirst();
    if (existing.isPresent()) {
      return new Result(existing.get().path(), false, List.of(), null);
    }
    UpUseCase.Result r = up.up(cwd, new UpUseCase.Request(branch, null, null, false), reporter);
    return new Result(r.path(), r.created(), List.of(), r.setup());
  }
}
