package dev.wt.cli;

import dev.wt.app.StopUseCase;
import java.time.Duration;
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
      "wt down does this before removing a worktree."})
final class StopCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH|PATH",
      description = "The worktree's branch or folder (default: the current worktree).")
  String target;

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
    StopUseCase.Result r = wiring.stop().stop(wiring.cwd(spec),
        new StopUseCase.Request(target, dryRun, Duration.ofMillis(Math.round(grace * 1000))), warningsOnly(ui));
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
      return 0;
    }
    long acted = r.processes().stream().filter(p -> !p.outcome().equals("spared")).count();
    if (acted == 0) {
      out.println("nothing running in " + r.path());
    }
    for (StopUseCase.Stopped p : r.processes()) {
      out.println(String.format("%-10s %7d  %s", p.outcome(), p.pid(), p.command()));
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
