package dev.wt.cli;

import dev.wt.app.gc.GcUseCase;
import dev.wt.core.WtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt gc}: list, and with --yes release, what worktrees that no longer exist left behind. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {
      "List what worktrees whose folder no longer exists left behind: state records, databases "
          + "marked as theirs on every server wt knows for this repository, pull staging databases, "
          + "templates wt built itself for a project no worktree is configured with any more, "
          + "port claims, git's worktree entries, per-worktree containers, and trash older than 7 days.",
      "Lists only (a dry run) unless --yes is given. Unmarked databases, the main database and "
          + "templates of projects in use or built with db template refresh / db pull are never touched; "
          + "branches are kept."})
final class GcCommand implements Callable<Integer> {

  @Option(names = {"-y", "--yes"}, description = "Release what is found (default: only list it).")
  boolean yes;

  @Option(names = "--merged", description = "Also bring down every clean worktree whose branch is merged into the "
      + "base (squash merges count); dirty ones are refused exactly like wt down.")
  boolean merged;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  GcCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    GcUseCase.Result r = wiring.gc().gc(wiring.cwd(spec), new GcUseCase.Request(yes, merged, wiring.env().cwd()),
        ui.reporter());
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
    } else {
      for (GcUseCase.Item i : r.items()) {
        String outcome = switch (i.outcome()) {
          case FAILED -> ui.red(i.outcome().toString());
          case KEPT -> ui.yellow(i.outcome().toString());
          case FOUND, RELEASED -> i.outcome().toString();
        };
        out.printf("%-9s %-9s %s  %s%n", i.kind(), outcome, i.name(), ui.dim(i.detail()));
      }
      out.println(ui.bold("gc: ") + summary(r));
    }
    out.flush();
    if (r.failed()) {
      throw WtException.partial("gc could not release everything (the lines marked failed say why)",
          "fix the cause and run wt gc --yes again; what was released stays released");
    }
    return 0;
  }

  private static String label(String kind, boolean one) {
    return switch (kind) {
      case "merged" -> one ? "merged worktree" : "merged worktrees";
      case "staging" -> one ? "pull staging database" : "pull staging databases";
      case "port" -> one ? "port claim" : "port claims";
      case "worktree" -> one ? "git worktree entry" : "git worktree entries";
      case "trash" -> one ? "trash folder" : "trash folders";
      default -> one ? kind : kind + "s";
    };
  }

  private static String summary(GcUseCase.Result r) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> c : r.counts().entrySet()) {
      if (c.getValue() > 0) {
        parts.add(c.getValue() + " " + label(c.getKey(), c.getValue() == 1));
      }
    }
    if (parts.isEmpty()) {
      return "nothing to release";
    }
    return (r.dryRun() ? "would release " : "released ") + String.join(", ", parts)
        + (r.dryRun() ? " (wt gc --yes releases them)" : "");
  }
}
