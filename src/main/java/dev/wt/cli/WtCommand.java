package dev.wt.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the exit-code table ({@link Cli} adds the subcommands). */
@Command(
    name = "wt",
    mixinStandardHelpOptions = true,
    versionProvider = WtCommand.Version.class,
    description = "An isolated development environment for every parallel git worktree.",
    footerHeading = "%nExit codes:%n",
    // wrapped by hand: picocli wraps long footer lines at 80 columns without indenting them
    footer = {
      "  0  ok",
      "  1  refused or user error (bad name, collision, dirty worktree,",
      "     unmerged branch)",
      "  2  usage error (unknown option, missing argument)",
      "  3  environment unavailable (not a git repository, PostgreSQL",
      "     unreachable, binary missing, a damaged wt state file)",
      "  4  partial failure: what was done and what is left is printed",
      "  5  internal error (a bug in wt: please report it)"
    })
public final class WtCommand implements Runnable {

  @Option(names = "-C", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Run as if wt was started in DIR.")
  private Path directory;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Debug logs on stderr.")
  private boolean verbose;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  Path directory() {
    return directory;
  }

  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }


  /** Reads the version from the jar manifest (the build writes it). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {line()};
    }

    static String line() {
      String v = WtCommand.class.getPackage().getImplementationVersion();
      return "wt " + (v == null ? "dev" : v);
    }
  }
}
