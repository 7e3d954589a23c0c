package dev.wt.cli;

import dev.wt.core.ExitCode;
import dev.wt.core.TerminalText;
import dev.wt.core.WtException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command tree once: writers, factory, error handling and exit codes. */
public final class Cli {

  private Cli() {}

  /** Runs wt with {@code args} against {@code env}; returns the exit code (never exits). */
  public static int run(CliEnv env, String... args) {
    if (args.length == 1 && args[0].equals(Warmup.COMMAND)) {
      return Warmup.run(env);
    }
    return commandLine(env).execute(args);
  }

  /** The configured command line; tests may inspect it (completion uses it too). */
  public static CommandLine commandLine(CliEnv given) {
    // the one place output leaves wt: whatever is printed through these is masked and escaped
    CliEnv env = new CliEnv(given.cwd(), given.env(), SafeOutput.wrap(given.out(), given.colour()),
        SafeOutput.wrap(given.err(), given.colour()), given.terminal(), given.stdin());
    Wiring wiring = new Wiring(env);
    CommandLine cl = new CommandLine(new WtCommand(), wiring);
    // everything after the program's name is the program's own (wt run next dev --turbo)
    cl.getSubcommands().get("run").setStopAtPositional(true);
    cl.setOut(env.out());
    cl.setErr(env.err());
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(env.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setExecutionStrategy(parseResult -> {
      WtCommand root = parseResult.commandSpec().root().commandLine().getCommand();
      Logging.configure(root.verbose());
      return new CommandLine.RunLast().execute(parseResult);
    });
    cl.setParameterExceptionHandler(Cli::usageError);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine, env));
    cl.setExitCodeExceptionMapper(ex -> ex instanceof WtException w ? w.exitCode().code() : ExitCode.INTERNAL.code());
    return cl;
  }

  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("wt: " + TerminalText.oneLine(ex.getMessage()));
    String name = cmd.getCommandSpec().qualifiedName();
    String dashed = dashedData(cmd.getCommandSpec(), args);
    err.println("hint: " + (dashed == null ? name + " --help shows the usage"
        : "a name starting with '-' is data only after --: " + name + " -- " + dashed));
    err.flush();
    return ExitCode.USAGE.code();
  }

  /**
   * The first argument that starts with '-' but names no option of the command, when the command
   * takes positional names (wt up -rf): the user meant a name, not an option.
   */
  private static String dashedData(CommandLine.Model.CommandSpec spec, String[] args) {
    if (spec.positionalParameters().isEmpty()) {
      return null;
    }
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (arg.startsWith("-") && arg.length() > 1 && spec.findOption(option) == null
          && spec.root().findOption(option) == null) {
        return arg;
      }
    }
    return null;
  }

  private static int failure(Exception ex, CommandLine cmd, CliEnv env) {
    PrintWriter err = cmd.getErr();
    WtCommand root = cmd.getCommandSpec().root().commandLine().getCommand();
    Ui ui = new Ui(env);
    if (ex instanceof WtException w) {
      err.println(ui.red("wt: ") + TerminalText.oneLine(w.getMessage()));
      if (w.hint() != null) {
        err.println(ui.dim("hint: ") + TerminalText.oneLine(w.hint()));
      }
      if (root.verbose() && w.getCause() != null) {
        w.getCause().printStackTrace(err);
      }
      err.flush();
      return w.exitCode().code();
    }
    err.println(ui.red("wt: internal error: ") + TerminalText.oneLine(String.valueOf(ex)));
    err.println(ui.dim("hint: ") + "this is a bug in wt; run again with -v and report the output");
    if (root.verbose()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }
}
