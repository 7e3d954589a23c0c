package dev.wt.port;

import dev.wt.core.RepoCommand;
import java.time.Instant;
import java.util.List;

/** The user's approvals of the commands repositories ask wt to run ({@code wt trust}). */
public interface CommandApprovals {

  /** Whether the user approved the command list with {@code digest} for the repository. */
  boolean approved(String repoKey, String repository, String digest);

  /**
   * The file whose presence records the approval of {@code digest}, for a cache to watch (it is made
   * by an approval and removed by a revoke); null when approvals are kept nowhere.
   */
  java.nio.file.Path witness(String repoKey, String digest);

  /** Records an approval; approving the same list twice changes nothing. */
  void approve(Approval approval);

  /** Withdraws every approval of the repository; returns those withdrawn. */
  List<Approval> revoke(String repoKey, String repository);

  /** Every approval this user holds, for any repository. */
  List<Approval> all();

  /**
   * One approved command list.
   *
   * @param repoKey the repository's key (a hash of its git common dir)
   * @param repository its git common dir, so a key collision never approves another repository
   * @param digest the hash of the approved list ({@link dev.wt.core.RepoCommands#digest()})
   */
  record Approval(String repoKey, String repository, String digest, List<RepoCommand> commands, Instant approvedAt) {
    public Approval {
      commands = List.copyOf(commands);
    }
  }
}
