package dev.wt.cli;

import dev.wt.core.ExitCode;
import dev.wt.core.TerminalText;
import dev.wt.core.WtException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/** Builds the command tree a run needs: writers, factory, error handling and exit codes. */
public final class Cli {

  private Cli() {}

  /**
   * The subcommands by name, in the order help lists them. Building a command's picocli model
   * (reflection over its annotations) is most of wt's start-up, so a run builds only the one its
   * arguments name; help, completion and anything this cannot tell for sure get all of them.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  /** Every word picocli takes for a command: the names and the aliases ({@code ls}). */
  private static final Set<String> COMMAND_WORDS = commandWords();

  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  /** The commands that read the whole tree: help, and the completion scripts. */
  private static final Set<String> WHOLE_TREE = Set.of("help", "completion", "shell");

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> all = new LinkedHashMap<>();
    all.put("init", InitCommand.class);
    all.put("up", UpCommand.class);
    all.put("setup", SetupCommand.class);
    all.put("down", DownCommand.class);
    all.put("teardown", TeardownCommand.class);
    all.put("list", ListCommand.class);
    all.put("gc", GcCommand.class);
    all.put("db", DbCommand.class);
    all.put("stop", StopCommand.class);
    all.put("env", EnvCommand.class);
    all.put("run", RunCommand.class);
    all.put("trust", TrustCommand.class);
    all.put("switch", SwitchCommand.class);
    all.put("hook", HookCommand.class);
    all.put("shell", ShellCommand.class);
    all.put("completion", CompletionCommand.class);
    all.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(all);
  }

  /** Runs wt with {@code args} against {@code env}; returns the exit code (never exits). */
  public static int run(CliEnv env, String... args) {
    if (args.length == 1 && args[0].equals(Warmup.COMMAND)) {
      return Warmup.run(env);
    }
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the line picocli prints, without building even the root command's model (most of the time)
      env.out().println(WtCommand.Version.line());
      env.out().flush();
      return 0;
    }
    QuickEnv quick = QuickEnv.parse(args, COMMAND_WORDS);
    if (quick != null) {
      return quickEnv(env, quick);
    }
    QuickWorktree plain = QuickWorktree.parse(args);
    if (plain != null) {
      Integer done = quickWorktree(env, plain);
      if (done != null) {
        return done;
      }
    }
    return commandLine(env, needed(args)).execute(args);
  }

  /**
   * What picocli and UpCommand / DownCommand would do for a plain up or down, minus building the
   * model; null for a workspace's folder (a task across repositories), which is picocli's.
   */
  private static Integer quickWorktree(CliEnv given, QuickWorktree plain) {
    CliEnv env = safe(given);
    Wiring wiring = new Wiring(env);
    try {
      java.nio.file.Path cwd = wiring.cwd((java.nio.file.Path) null);
      if (wiring.task().outsideRepositories(cwd)) {
        return null;
      }
      if (plain.command().equals("up")) {
        return UpCommand.single(wiring, cwd, new dev.wt.app.worktree.UpUseCase.Request(plain.name(), null, null, false,
            false), false, env.out());
      }
      return DownCommand.single(wiring, cwd, new dev.wt.app.worktree.DownUseCase.Request(plain.name(), false, false,
          env.cwd(), false, false, false), false, env.out());
    } catch (Exception e) {
      return failure(e, env.err(), false, env);
    } finally {
      wiring.close();
      env.out().flush();
      env.err().flush();
    }
  }

  /** What picocli and EnvCommand would do for these plain arguments, minus building the model. */
  private static int quickEnv(CliEnv given, QuickEnv quick) {
    CliEnv env = safe(given);
    try {
      Wiring wiring = new Wiring(env);
      EnvCommand.print(wiring, wiring.cwd(quick.directory()), quick.format(), env.out(), env.err());
      return 0;
    } catch (Exception e) {
      return failure(e, env.err(), false, env);
    } finally {
      env.out().flush();
      env.err().flush();
    }
  }

  /** {@code given} with output that is masked and escaped: the one place output leaves wt. */
  private static CliEnv safe(CliEnv given) {
    return new CliEnv(given.cwd(), given.env(), SafeOutput.wrap(given.out(), given.colour()),
        SafeOutput.wrap(given.err(), given.colour()), given.terminal(), given.stdin());
  }

  /** The configured command line with every subcommand; tests may inspect it (completion uses it too). */
  public static CommandLine commandLine(CliEnv given) {
    return commandLine(given, SUBCOMMANDS.keySet());
  }

  /**
   * The subcommands {@code args} can reach: none for a plain {@code --version}, the one named when
   * only global options come before it, else all (help, completion, a typo, anything unusual), so
   * that picocli parses exactly as it would with the whole tree.
   */
  static Set<String> needed(String... args) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-v") || arg.equals("--verbose")) {
        continue;
      }
      if (arg.equals("-V") || arg.equals("--version")) {
        version = true;
        continue;
      }
      if (arg.equals("-C")) {
        // a value that looks like an option or a command is picocli's to judge, with every command
        if (i + 1 >= args.length || args[i + 1].startsWith("-") || COMMAND_WORDS.contains(args[i + 1])) {
          return SUBCOMMANDS.keySet();
        }
        i++;
        continue;
      }
      if (arg.startsWith("-") || WHOLE_TREE.contains(arg)) {
        return SUBCOMMANDS.keySet();
      }
      String name = arg.equals("ls") ? "list" : arg;
      return SUBCOMMANDS.containsKey(name) ? Set.of(name) : SUBCOMMANDS.keySet();
    }
    return version ? Set.of() : SUBCOMMANDS.keySet();
  }

  private static CommandLine commandLine(CliEnv given, Set<String> subcommands) {
    // picocli registers converters for java.time and java.sql types by reflection in every
    // CommandLine (initialising MonthDay, Period... ~10 ms per command); no wt option has one
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java\\.time\\..*,java\\.sql\\..*");
    }
    CliEnv env = safe(given);
    Wiring wiring = new Wiring(env);
    CommandLine cl = new CommandLine(new WtCommand(), wiring);
    SUBCOMMANDS.forEach((name, type) -> {
      if (subcommands.contains(name)) {
        cl.addSubcommand(name, new CommandLine(type, wiring));
      }
    });
    if (subcommands.contains("run")) {
      // everything after the program's name is the program's own (wt run next dev --turbo)
      cl.getSubcommands().get("run").setStopAtPositional(true);
    }
    // picocli would read "@name" arguments as files of more arguments: a branch named @opts, or a
    // hook passing one, would inject options (--force) from whatever file has that name
    cl.setExpandAtFiles(false);
    cl.setOut(env.out());
    cl.setErr(env.err());
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(env.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setExecutionStrategy(parseResult -> {
      WtCommand root = parseResult.commandSpec().root().commandLine().getCommand();
      if (root.verbose()) {
        System.setProperty(dev.wt.port.DebugLog.PROPERTY, "true"); // the adapters look their loggers up
        Logging.configure(true); // only then: loading Logging loads Logback
      }
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        wiring.close();
      }
    });
    cl.setParameterExceptionHandler(Cli::usageError);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine.getErr(),
        commandLine.getCommandSpec().root().commandLine().<WtCommand>getCommand().verbose(), env));
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

  private static int failure(Exception ex, PrintWriter err, boolean verbose, CliEnv env) {
    Ui ui = new Ui(env);
    if (ex instanceof WtException w) {
      err.println(ui.red("wt: ") + TerminalText.oneLine(w.getMessage()));
      if (w.hint() != null) {
        err.println(ui.dim("hint: ") + TerminalText.oneLine(w.hint()));
      }
      if (verbose && w.getCause() != null) {
        w.getCause().printStackTrace(err);
      }
      err.flush();
      return w.exitCode().code();
    }
    err.println(ui.red("wt: internal error: ") + TerminalText.oneLine(String.valueOf(ex)));
    err.println(ui.dim("hint: ") + "this is a bug in wt; run again with -v and report the output");
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }

  private static Set<String> commandWords() {
    Set<String> words = new java.util.HashSet<>(SUBCOMMANDS.keySet());
    words.add("ls");
    return Set.copyOf(words);
  }
}
