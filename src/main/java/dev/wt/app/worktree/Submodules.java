package dev.wt.app.worktree;

import dev.wt.app.Services;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Initialises a new worktree's git submodules from the main worktree's checkouts of them (a local
 * clone: no network, no second download), falling back to their URL when main has none.
 */
final class Submodules {

  private Submodules() {}

  static List<SetupResult.Action> init(Services services, Path main, Path worktree) {
    List<SetupResult.Action> out = new ArrayList<>();
    for (Git.Submodule sub : services.git().uninitialisedSubmodules(worktree)) {
      Path inMain = main.resolve(sub.path());
      boolean local = services.disk().exists(inMain.resolve(".git"));
      try {
        services.git().initSubmodule(worktree, sub, local ? inMain : null);
        out.add(new SetupResult.Action("submodule", sub.path(), SetupResult.Outcome.CREATED,
            local ? "initialised from the main worktree's copy" : "initialised from its URL (main has no copy)"));
      } catch (WtException e) {
        // a submodule is the project's business: the worktree works without it, and git says how to finish
        out.add(new SetupResult.Action("submodule", sub.path(), SetupResult.Outcome.SKIPPED,
            e.getMessage() + " (git submodule update --init " + sub.path() + " finishes it)"));
      }
    }
    return out;
  }
}
