package dev.wt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt db migrate}: the configured migration command, aimed at this worktree's database. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Run each database's configured migrate command in the worktree with its env "
        + "(DATABASE_URL etc. point at the worktree's databases); exits with the first failing code. "
        + "In the main worktree the commands run there with wt's own environment, on the main databases.")
final class DbMigrateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbMigrateCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    return wiring.dbStatus().migrate(wiring.cwd(spec), new Ui(wiring.env()).reporter());
  }
}
