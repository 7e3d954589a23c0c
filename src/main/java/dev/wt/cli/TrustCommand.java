package dev.wt.cli;

import dev.wt.app.trust.TrustUseCase;
import dev.wt.core.RepoCommand;
import dev.wt.core.TerminalText;
import dev.wt.core.WtException;
import dev.wt.port.CommandApprovals;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt trust}: approve the commands the repository's wt.toml asks wt to run. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = {
      "Show the commands this repository's wt.toml asks wt to run (set-up commands, database "
          + "migrate commands) and approve that exact list, like direnv allow. Until then wt up and "
          + "wt setup skip them and exit 4; a changed list needs approving again. Commands in your "
          + "own wt.local.toml need no approval; WT_TRUST=1 approves for one run (CI)."})
final class TrustCommand implements Callable<Integer> {

  /** The commands, shown whole in --json as on the terminal: the text approved is the text run. */
  private static final java.util.Set<String> WHOLE = java.util.Set.of("command");

  @Option(names = {"-y", "--yes"}, description = "Approve without asking (read the list first).")
  boolean yes;

  @Option(names = "--revoke", description = "Withdraw every approval of this repository.")
  boolean revoke;

  @Option(names = "--list", description = "List every approval you hold, in any repository.")
  boolean list;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  TrustCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    if (revoke && list) {
      throw WtException.usage("--revoke and --list do not go together", "wt trust --help shows the usage");
    }
    Ui ui = new Ui(wiring.env());
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      return printApprovals(out, ui, wiring.trust().list(), null, "no approvals yet");
    }
    if (revoke) {
      return printApprovals(out, ui, wiring.trust().revoke(wiring.cwd(spec)), "revoked: ", "nothing to revoke here");
    }
    TrustUseCase.Outcome o = wiring.trust().approve(wiring.cwd(spec), yes);
    if (json.enabled()) {
      JsonOption.print(out, o, WHOLE);
    } else {
      List<RepoCommand> asking = o.commands().stream().filter(RepoCommand::fromRepository).toList();
      if (!o.asked() && !asking.isEmpty()) {
        out.println("Commands the repository at " + o.main() + " asks wt to run (from wt.toml):");
        TerminalConsent.show(out, ui, asking);
      }
      out.println(switch (o.status()) {
        case NOTHING_TO_APPROVE -> "nothing to approve: wt.toml names no commands"
            + (o.commands().isEmpty() ? "" : " (yours in wt.local.toml need no approval)");
        case ALREADY_APPROVED -> "already approved";
        case APPROVED -> ui.bold("approved: ") + asking.size() + " command(s) for " + o.repository();
        case DECLINED, UNCONFIRMED -> "not approved";
      });
      out.flush();
    }
    return switch (o.status()) {
      case DECLINED -> throw WtException.refused("not approved: you answered no",
          "wt setup skips these commands until you run wt trust again");
      case UNCONFIRMED -> throw WtException.refused("not approved: there is no terminal to ask on",
          "read the commands above, then wt trust --yes approves them");
      default -> 0;
    };
  }

  private int printApprovals(PrintWriter out, Ui ui, List<CommandApprovals.Approval> approvals, String prefix,
      String none) {
    if (json.enabled()) {
      JsonOption.print(out, Map.of("approvals", approvals), WHOLE);
      return 0;
    }
    if (approvals.isEmpty()) {
      out.println(none);
    }
    for (CommandApprovals.Approval a : approvals) {
      out.println((prefix == null ? "" : ui.bold(prefix)) + ui.bold(TerminalText.escape(a.repository())) + "  " + a.digest().substring(0, 12) + "  "
          + a.commands().size() + " command(s), approved " + a.approvedAt());
      TerminalConsent.show(out, ui, a.commands());
    }
    out.flush();
    return 0;
  }
}
