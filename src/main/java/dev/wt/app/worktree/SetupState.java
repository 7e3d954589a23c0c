package dev.wt.app.worktree;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;

/** Whether a worktree's setup has run, and what commands say when it has not (or is running). */
public final class SetupState {

  private SetupState() {}

  /** Refuses a worktree whose setup has not finished: its variables (ports, databases) are not all there. */
  public static WorktreeRecord requireSetUp(WorktreeRecord record) {
    if (record.setupPending()) {
      throw WtException.refused("worktree " + record.path() + " is not set up yet",
          "run `wt setup` in it (wt up --no-setup only creates the worktree)");
    }
    return record;
  }

  /** Said once while a command waits for another one setting up the same worktree. */
  static Runnable waitingNotice(Reporter reporter) {
    return () -> reporter.progress("waiting for another wt command that is setting up this worktree");
  }
}
