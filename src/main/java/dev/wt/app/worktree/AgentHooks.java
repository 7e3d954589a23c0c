package dev.wt.app.worktree;

import dev.wt.app.Services;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.nio.file.Path;

/**
 * What an agent tool's worktree hooks ask of wt (Claude Code's WorktreeCreate and WorktreeRemove):
 * {@code wt up} and {@code wt down} driven by a payload instead of a person.
 */
public final class AgentHooks {

  private final Services services;
  private final UpUseCase up;
  private final DownUseCase down;

  public AgentHooks(Services services, UpUseCase up, DownUseCase down) {
    this.services = services;
    this.up = up;
    this.down = down;
  }

  /** Makes (or finds) the worktree of branch {@code name} in the repository at {@code repoDir}. */
  public Created create(Path repoDir, String name, String base, Reporter reporter) {
    try {
      UpUseCase.Result r = up.up(repoDir, new UpUseCase.Request(name, base, null, false), reporter);
      return new Created(r.path(), r.setup(), null);
    } catch (WtException e) {
      if (e.exitCode() != dev.wt.core.ExitCode.PARTIAL) {
        throw e;
      }
      // The worktree is made but its set-up stopped part way. A failing hook would make Claude give
      // up on a worktree that nobody then tracks; the path and the problem let the session go on.
      Path main = services.git().locate(repoDir).mainWorktree();
      return services.git().worktrees(main).stream().filter(w -> name.equals(w.branch())).findFirst()
          .map(w -> new Created(w.path(), null, e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")")))
          .orElseThrow(() -> e);
    }
  }

  /**
   * A worktree made for the hook.
   *
   * @param setup what set-up did, null when it stopped part way
   * @param problem why set-up stopped part way, else null
   */
  public record Created(Path path, SetupResult setup, String problem) {}

  /**
   * Removes the worktree at {@code worktree} the way {@code wt down} does, never with force: the
   * hook runs from inside that worktree, so it acts from the main one.
   */
  public DownUseCase.Result remove(Path worktree, Reporter reporter) {
    if (!services.disk().isDirectory(worktree)) {
      throw WtException.refused("no worktree at " + worktree, "wt gc cleans up after worktrees whose folders are gone");
    }
    Path main = services.git().locate(worktree).mainWorktree();
    return down.down(main, new DownUseCase.Request(worktree.toString(), false, false, null), reporter);
  }
}
