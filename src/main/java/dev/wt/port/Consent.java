package dev.wt.port;

import dev.wt.core.RepoCommand;
import java.util.List;
import java.util.Optional;

/** Asks the user to approve commands, where there is a terminal to ask on. */
public interface Consent {

  /**
   * Shows {@code commands} under {@code heading} and asks yes or no (no is the default).
   *
   * @return the answer, or empty when stdin or stderr is not a terminal
   */
  Optional<Boolean> ask(String heading, List<RepoCommand> commands);

  /** Never asks: for callers that must not block on a terminal. */
  Consent NEVER = (heading, commands) -> Optional.empty();
}
