package dev.wt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt run -- CMD ARGS...}: run a program with the worktree's variables in its environment. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
      "Run CMD with this worktree's variables set over the inherited environment (so they win over "
          + "every framework's env files), in a process group of its own. SIGINT, SIGTERM and SIGHUP "
          + "are passed on to it; wt exits with its exit code (128 + N when signal N ended it).",
      "Example: \"dev\": \"wt run -- next dev\" in package.json."})
final class RunCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments (after --).")
  List<String> command;

  @Spec CommandSpec spec;

  private final Wiring wiring;

  RunCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    return wiring.run().run(wiring.cwd(spec), command, new Ui(wiring.env()).reporter());
  }
}
