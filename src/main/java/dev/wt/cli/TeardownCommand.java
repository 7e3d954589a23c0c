package dev.wt.cli;

import dev.wt.app.worktree.TeardownUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt teardown}: release what a worktree owns, for tools that remove the folder themselves. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
    description = {
      "Release everything wt provisioned for a worktree (its databases, ports, URL, generated files "
          + "and state) without removing the worktree or stopping its processes (wt down does both). Works when the folder is already "
          + "gone; safe to run again. For Conductor's archive script and similar hooks."})
final class TeardownCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The worktree (default: the current one).")
  String path;

  @Option(names = "--force", description = "Release the ports and databases even while another repository's "
      + "worktree of the same task (wt-workspace.toml) still uses them.")
  boolean force;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  TeardownCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    TeardownUseCase.Result r = wiring.teardown().teardown(wiring.cwd(spec), path, force, ui.reporter());
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
    } else {
      out.println(r.slug() == null ? "nothing to tear down: " + r.path()
          : ui.bold("torn down: ") + r.path() + " (" + r.slug() + ")");
      out.flush();
    }
    return 0;
  }
}
