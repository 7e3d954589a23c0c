package dev.wt.app.worktree;

import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WtException;
import java.util.Optional;

/**
 * What {@code wt up} checks before {@code git worktree add}: names it would take are free and
 * everything setup needs is there. Each check makes nothing, so a refusal leaves nothing behind
 * (no folder, branch, record or port claim). Folder, slug and subdomain collisions are checked
 * by {@link UpUseCase} under the state lock, where it reserves them.
 */
final class Preflight {

  private Preflight() {}

  /**
   * @param blocking when up creates the branch, a ref whose path keeps it from being created
   * @param setupChecks setup's own preflight, started earlier ({@link SetupAhead#startPreflight});
   *     null with {@code --no-setup}
   */
  static void check(WorktreeIdentity identity, Optional<String> blocking, java.util.concurrent.Future<?> setupChecks) {
    String branch = identity.branch();
    if (blocking.isPresent()) {
      String other = blocking.get().substring("refs/heads/".length());
      throw WtException.refused("branch " + branch + " cannot be created: branch " + other + " exists, and git "
              + "cannot hold both (a branch name is a path, so it cannot also be a folder of branches)",
          "pick another name (e.g. " + branch.replace('/', '-') + "), or rename " + other + " first");
    }
    if (setupChecks != null) {
      SetupAhead.awaitPreflight(setupChecks);
    }
  }
}
