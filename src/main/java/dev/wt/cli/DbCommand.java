package dev.wt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wt db}: the worktree's databases. A group: each verb is its own small class. */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = "The worktree's databases: status, psql, migrate, reset, pull, the template and the embedded server.",
    subcommands = {
      DbStatusCommand.class,
      DbPsqlCommand.class,
      DbMigrateCommand.class,
      DbResetCommand.class,
      DbPullCommand.class,
      DbTemplateCommand.class,
      DbServerCommand.class
    })
final class DbCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
