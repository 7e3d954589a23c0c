package dev.wt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt db psql}: psql on this worktree's database; in the main worktree, on main's own. */
@Command(name = "psql", mixinStandardHelpOptions = true,
    description = "Run psql on the worktree's database with the terminal attached; exits with psql's code. "
        + "In the main worktree it opens the main database (databases.<name>.main). Arguments after -- go to psql (e.g. wt db psql -- -c 'select 1').")
final class DbPsqlCommand implements Callable<Integer> {

  @Option(names = "--db", paramLabel = "NAME", description = "Which database (logical name, e.g. app); default the first.")
  String db;

  @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Passed to psql.")
  List<String> args = new ArrayList<>();

  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbPsqlCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    return wiring.dbStatus().psql(wiring.cwd(spec), db, args, new Ui(wiring.env()).reporter());
  }
}
