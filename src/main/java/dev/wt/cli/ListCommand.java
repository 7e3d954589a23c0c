package dev.wt.cli;

import dev.wt.app.worktree.ListUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt list}: every worktree with its identity and state. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List every worktree: branch, slug, path, clean/dirty, ahead/behind the base, "
        + "and whether wt provisioned it (yes, no, or not set up: made by wt up --no-setup, run wt setup).")
final class ListCommand implements Callable<Integer> {

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  ListCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    ListUseCase.Listing listing = wiring.list().list(wiring.cwd(spec));
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, listing);
      return 0;
    }
    out.printf("%-28s %-30s %-7s %-9s %-10s %s%n", "BRANCH", "SLUG", "STATUS", "+/-" , "WT", "PATH  URL");
    for (ListUseCase.Entry e : listing.worktrees()) {
      String branch = e.branch() == null ? "(detached)" : e.branch();
      String status = switch (e.status()) {
        case "dirty" -> ui.yellow(pad(e.status(), 7));
        case "missing", "gone" -> ui.red(pad(e.status(), 7));
        default -> pad(e.status(), 7);
      };
      String wt = !e.provisioned() ? "no" : e.setUp() ? "yes" : ui.yellow(pad("not set up", 10));
      out.printf("%-28s %-30s %s %-9s %-10s %s%n", branch + (e.main() ? " *" : ""),
          e.slug() == null ? "-" : e.slug(), status, "+" + e.ahead() + "/-" + e.behind(),
          wt, e.path() + (e.url() == null ? "" : "  " + e.url()));
    }
    if (listing.worktrees().stream().anyMatch(e -> e.status().equals("missing") || e.status().equals("gone"))) {
      spec.commandLine().getErr().println(ui.dim("hint: ") + "missing/gone: the folder no longer exists; wt gc lists what it left behind, "
          + "wt gc --yes releases it");
    }
    out.flush();
    return 0;
  }

  private static String pad(String s, int n) {
    return String.format("%-" + n + "s", s);
  }
}
