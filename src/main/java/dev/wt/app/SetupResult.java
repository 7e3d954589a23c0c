package dev.wt.app;

import dev.wt.core.WorktreeRecord;
import java.util.List;

/** What {@code setup} found and did; {@code changed} is false when a re-run had nothing to do. */
public record SetupResult(WorktreeRecord record, List<Action> actions, boolean changed) {

  public SetupResult {
    actions = List.copyOf(actions);
  }

  /** One step of setup and its outcome. */
  public record Action(String step, String target, String outcome, String detail) {}
}
