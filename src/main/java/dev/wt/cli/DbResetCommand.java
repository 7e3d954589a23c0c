package dev.wt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt db reset}: drop and refill the worktree's databases from their source. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Refill the worktree's database(s) from their source (template, pull or empty): the new copy is made "
        + "beside the old one and replaces it only when complete. Only databases marked as this worktree's are touched.")
final class DbResetCommand implements Callable<Integer> {

  @Option(names = "--db", paramLabel = "NAME", description = "Only this database (logical name); default all.")
  String db;

  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbResetCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    var o = wiring.dbFill().reset(wiring.cwd(spec), db, new Ui(wiring.env()).reporter());
    if (!o.done().isEmpty()) {
      spec.commandLine().getOut().println("reset: " + String.join(", ",
          o.done().stream().map(dev.wt.app.database.DbFillUseCase.Filled::database).toList()));
    }
    spec.commandLine().getOut().flush();
    o.throwIfFailed();
    return 0;
  }
}
