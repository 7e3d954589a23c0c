package dev.wt.cli;

import dev.wt.app.database.TemplateSource;
import dev.wt.app.database.DbFillUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt db template refresh}: rebuild the template new worktrees clone. */
@Command(name = "template", mixinStandardHelpOptions = true, description = "The template database worktrees clone.",
    subcommands = DbTemplateCommand.Refresh.class)
final class DbTemplateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code refresh [--from main|pull]}. */
  @Command(name = "refresh", mixinStandardHelpOptions = true,
      description = "Rebuild the template from the main worktree's database (its sessions are ended only for the "
          + "copy) or from the pull source; marks it IS_TEMPLATE and prints how worktrees will clone it.")
  static final class Refresh implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "main|pull", defaultValue = "main", description = "Source (default: ${DEFAULT-VALUE}).")
    String from;

    @Spec CommandSpec spec;

    private final Wiring wiring;

    Refresh(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public Integer call() {
      TemplateSource source = dev.wt.core.Words.parse(TemplateSource.class, from).orElseThrow(() ->
          dev.wt.core.WtException.usage("--from must be main or pull: " + from, "wt db template refresh --help"));
      var out = spec.commandLine().getOut();
      DbFillUseCase.Outcome o = wiring.dbFill().refreshTemplate(wiring.cwd(spec), source, new Ui(wiring.env()).reporter());
      for (DbFillUseCase.Filled f : o.done()) {
        out.println("template " + f.database() + ": rebuilt in " + f.millis() + " ms; clone method: " + f.cloneMethod());
      }
      out.flush();
      o.throwIfFailed();
      return 0;
    }
  }
}
