package dev.wt.cli;

import dev.wt.app.worktree.SetupResult;
import dev.wt.app.worktree.SetupUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt setup}: provision the worktree you stand in, whoever created it. */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = {
      "Provision this worktree (one created by wt, Conductor, Claude Code, ...): freeze its identity, "
          + "link shared files, copy private ones and those .worktreeinclude names, write the env and "
          + "browser-session files, and run the set-up commands (those from wt.toml once approved: "
          + "wt trust). Safe to run again."})
final class SetupCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The worktree (default: the current one).")
  String path;

  @Option(names = "--force", description = "Replace generated files even where they were edited.")
  boolean force;

  @Option(names = "--rerun-commands", description = "Run the set-up commands even if they already ran.")
  boolean rerun;

  @Mixin JsonOption json;
  @Mixin ForceDbPullOption forceDbPull;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  SetupCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    var dir = path == null ? wiring.cwd(spec) : wiring.cwd(spec).resolve(path);
    SetupResult r = wiring.setup().setup(dir, new SetupUseCase.Options(force, rerun, "setup", false), ui.reporter());
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
    } else {
      out.println(ui.bold(r.changed() ? "set up: " : "already set up, nothing changed: ")
          + r.record().path() + " (" + r.record().slug() + ")");
      out.flush();
    }
    return SetupCommand.skippedExit(wiring, r);
  }

  /** Exit 4 when commands were skipped for want of approval: everything else is done. */
  static int skippedExit(Wiring wiring, SetupResult r) {
    if (r == null || r.skipped().isEmpty()) {
      return 0;
    }
    throw wiring.trustGate().notRun(r.skipped().size(), r.skipped().get(0).reason(), "wt setup",
        java.nio.file.Path.of(r.record().path()));
  }
}
