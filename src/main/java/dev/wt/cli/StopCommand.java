package dev.wt.cli;

import dev.wt.app.process.StopUseCase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt stop}: stop every process working inside a worktree. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {
      "Stop every process whose working directory is inside the worktree (dev servers, watchers, "
          + "test runners): SIGTERM to their process groups, then SIGKILL to what is left after the grace "
          + "period. Never wt itself, its parent shells, or an interactive shell sitting in the folder.",
      "In the main worktree it needs a target (or --all-worktrees): the main checkout's dev server is "
          + "stopped only when that worktree is named.",
      "Other users' processes, whose folders wt may not read, are listed as 'unseen': wt cannot tell "
          + "whether they work there, nor stop them.",
      "wt down does this before removing a worktree."})
final class StopCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH|PATH",
      description = "The worktree's branch or folder (default: the current linked worktree).")
  String target;

  @Option(names = "--all-worktrees", description = "Stop the processes of every linked worktree (never the main one's).")
  boolean allWorktrees;

  @Option(names = "--dry-run", description = "Print what would be stopped; signal nothing.")
  boolean dryRun;

  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "2",
      description = "Seconds between SIGTERM and SIGKILL (default: ${DEFAULT-VALUE}).")
  double grace;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  StopCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    if (grace < 0 || grace > 3600) {
      throw dev.wt.core.WtException.usage("--grace must be between 0 and 3600 seconds, not " + grace,
          "e.g. --grace 5");
    }
    Ui ui = new Ui(wiring.env());
    List<StopUseCase.Result> results = wiring.stop().stop(wiring.cwd(spec), new StopUseCase.Request(target, dryRun,
        Duration.ofMillis(Math.round(grace * 1000)), allWorktrees), warningsOnly(ui));
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      // one worktree: its object, as always; --all-worktrees: a list of them
      JsonOption.print(out, allWorktrees ? results : results.get(0));
      return 0;
    }
    if (results.isEmpty()) {
      out.println("no linked worktrees");
    }
    for (StopUseCase.Result r : results) {
      long acted = r.processes().stream().filter(p -> p.outcome().acted())
          .count();
      if (acted == 0) {
        out.println((r.unseen().isEmpty() ? "nothing running in " : "nothing wt can see runs in ") + r.path());
      } else if (allWorktrees) {
        out.println(r.path() + ":");
      }
      for (StopUseCase.Stopped p : r.processes()) {
        out.println(String.format("%-10s %7d  %s", p.outcome(), p.pid(), p.command()));
      }
      if (!r.unseen().isEmpty()) {
        out.println(r.unseenNote());
      }
    }
    out.flush();
    return 0;
  }

  /** The table on stdout says what happened to each process; stderr only gets what went wrong. */
  private static dev.wt.port.Reporter warningsOnly(Ui ui) {
    dev.wt.port.Reporter all = ui.reporter();
    return new dev.wt.port.Reporter() {
      @Override public void done(String message) {}
      @Override public void unchanged(String message) {}
      @Override public void warn(String message) {
        all.warn(message);
      }
      @Override public void progress(String message) {}
      @Override public void commandOutput(String line) {}
    };
  }
}
