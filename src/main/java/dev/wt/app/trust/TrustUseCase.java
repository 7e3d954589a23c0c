package dev.wt.app.trust;

import dev.wt.core.RepoCommand;
import dev.wt.core.RepoCommands;
import dev.wt.port.CommandApprovals;
import dev.wt.port.Consent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/** {@code wt trust}: show the repository's commands and approve, revoke or list approvals. */
public final class TrustUseCase {

  private final Services services;
  private final TrustGate gate;
  private final CommandApprovals approvals;
  private final Consent consent;

  public TrustUseCase(Services services, TrustGate gate, CommandApprovals approvals, Consent consent) {
    this.services = services;
    this.gate = gate;
    this.approvals = approvals;
    this.consent = consent;
  }

  /** What {@code wt trust} found. */
  public enum Status { NOTHING_TO_APPROVE, ALREADY_APPROVED, APPROVED, DECLINED, UNCONFIRMED }

  /**
   * The outcome for one repository.
   *
   * @param repository its git common dir, the key approvals are kept under
   * @param commands every command the configuration names; {@code fromRepository} marks what needs approval
   * @param asked whether the commands were shown on the terminal with the question
   */
  public record Outcome(String repository, String main, String digest, Status status, boolean asked,
      List<RepoCommand> commands) {}

  /** Approves the repository's commands: at once with {@code yes}, else after asking on the terminal. */
  public Outcome approve(Path dir, boolean yes) {
    Repo repo = Repo.open(services, dir);
    RepoCommands commands = gate.commands(repo);
    List<RepoCommand> asking = commands.fromRepository();
    if (asking.isEmpty()) {
      return outcome(repo, commands, Status.NOTHING_TO_APPROVE, false);
    }
    if (gate.isApproved(repo, commands)) {
      return outcome(repo, commands, Status.ALREADY_APPROVED, false);
    }
    if (!yes) {
      Optional<Boolean> answer = consent.ask(TrustGate.heading(repo), asking);
      if (answer.isEmpty()) {
        return outcome(repo, commands, Status.UNCONFIRMED, false);
      }
      if (!answer.get()) {
        return outcome(repo, commands, Status.DECLINED, true);
      }
      gate.approve(repo, commands);
      return outcome(repo, commands, Status.APPROVED, true);
    }
    gate.approve(repo, commands);
    return outcome(repo, commands, Status.APPROVED, false);
  }

  /** Withdraws every approval of the repository at {@code dir}. */
  public List<CommandApprovals.Approval> revoke(Path dir) {
    Repo repo = Repo.open(services, dir);
    return approvals.revoke(repo.trustKey(), TrustGate.repository(repo));
  }

  /** Every approval the user holds. */
  public List<CommandApprovals.Approval> list() {
    return approvals.all();
  }

  private static Outcome outcome(Repo repo, RepoCommands commands, Status status, boolean asked) {
    return new Outcome(TrustGate.repository(repo), repo.main().toString(), commands.digest(), status, asked,
        commands.all());
  }
}
