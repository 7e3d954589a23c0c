package dev.wt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt db reset}: drop and refill the worktree's databases from their source. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Drop the worktree's database(s) and create them again from their source (template, pull or empty). "
        + "Only databases marked as this worktree's are touched.")
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
    List<String> done = wiring.dbFill().reset(wiring.cwd(spec), db, new Ui(wiring.env()).reporter());
    spec.commandLine().getOut().println("reset: " + String.join(", ", done));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
