package dev.wt.app.worktree;

import dev.wt.core.WorktreeRecord;
import java.util.List;

/**
 * What {@code setup} found and did; {@code changed} is false when a re-run had nothing to do;
 * {@code skipped} are the commands that did not run because the user has not approved them.
 */
public record SetupResult(WorktreeRecord record, List<Action> actions, boolean changed, List<Skipped> skipped) {

  public SetupResult {
    actions = List.copyOf(actions);
    skipped = List.copyOf(skipped);
  }

  public SetupResult(WorktreeRecord record, List<Action> actions, boolean changed) {
    this(record, actions, changed, List.of());
  }

  /** A command that did not run, and why ({@code wt trust} approves it). */
  public record Skipped(String key, String command, String reason) {}

  /** One step of setup and its outcome. */
  public record Action(String step, String target, String outcome, String detail) {}
}
