package dev.wt.app.worktree;

import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.util.Optional;
import dev.wt.app.Repo;

/**
 * What {@code wt up} checks before {@code git worktree add}: names it would take are free and
 * everything setup needs is there. Each check makes nothing, so a refusal leaves nothing behind
 * (no folder, branch, record or port claim). Folder, slug and subdomain collisions are checked
 * by {@link UpUseCase} under the state lock, where it reserves them.
 */
final class Preflight {

  private final SetupUseCase setup;

  Preflight(SetupUseCase setup) {
    this.setup = setup;
  }

  /**
   * @param blocking when up creates the branch, a ref whose path keeps it from being created
   * @param withSetup whether setup runs after the checkout (not with {@code --no-setup})
   */
  void check(Repo repo, WorktreeIdentity identity, Optional<String> blocking, boolean withSetup, Reporter reporter) {
    String branch = identity.branch();
    if (blocking.isPresent()) {
      String other = blocking.get().substring("refs/heads/".length());
      throw WtException.refused("branch " + branch + " cannot be created: branch " + other + " exists, and git "
              + "cannot hold both (a branch name is a path, so it cannot also be a folder of branches)",
          "pick another name (e.g. " + branch.replace('/', '-') + "), or rename " + other + " first");
    }
    if (withSetup) {
      setup.preflight(repo, identity, reporter);
    }
  }
}
