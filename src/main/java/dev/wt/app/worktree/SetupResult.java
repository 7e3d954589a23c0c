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
  public record Action(String step, String target, Outcome outcome, String detail) {
    public Action {
      java.util.Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** What one step did; in {@code --json} as its lower-case name. */
  public enum Outcome {
    CREATED, UPDATED, UNCHANGED, SKIPPED;

    /** Whether the step changed nothing (a re-run, or a step not taken). */
    public boolean quiet() {
      return this == UNCHANGED || this == SKIPPED;
    }

    @Override
    public String toString() {
      return dev.wt.core.Words.of(this);
    }
  }
}
