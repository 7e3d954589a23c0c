package dev.wt.app;

import dev.wt.port.Git;
import java.util.function.Supplier;

/**
 * The base (what new branches start from and what "merged" means) and why it is that one, for
 * {@code wt -v}: a rule over what git says, with no git of its own.
 *
 * @param why how it was chosen, in words
 */
record BaseChoice(String ref, String why) {

  /** What {@code base} in wt.toml or wt.local.toml sets. */
  static BaseChoice configured(String ref) {
    return new BaseChoice(ref, "set by base in wt.toml or wt.local.toml");
  }

  /**
   * Without {@code base} set: the remote's default branch when {@code origin/HEAD} names one that
   * exists (a dangling one, left by a branch deleted on the remote, does not count), else a local
   * {@code main}, else {@code master}, else the branch the main worktree is on, else {@code main}.
   */
  static BaseChoice byDefault(Git.BaseRefs refs, Supplier<String> mainWorktreeBranch) {
    if (refs.remoteDefault().isPresent()) {
      return new BaseChoice(refs.remoteDefault().get(), "the remote's default branch (origin/HEAD points at it)");
    }
    String noRemote = "origin/HEAD is missing or names a branch that does not exist";
    if (refs.main() || refs.master()) {
      return refs.main() ? new BaseChoice("main", noRemote + "; a local main exists")
          : new BaseChoice("master", noRemote + "; a local master exists, no main");
    }
    String branch = mainWorktreeBranch.get();
    return branch != null
        ? new BaseChoice(branch, noRemote + ", and there is no local main or master: the main worktree's branch")
        : new BaseChoice("main", noRemote + ", there is no local main or master, and the main worktree is on no branch");
  }
}
