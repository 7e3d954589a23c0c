package dev.wt.cli;

import dev.wt.app.process.EnvUseCase;
import dev.wt.core.EnvFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt env}: print the worktree's variables for eval, direnv, mise and scripts. */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = {
      "Print this worktree's variables (WT_*, ports, URL, databases, and the configured env keys).",
      "Fast enough for a cd hook: eval \"$(wt env 2>/dev/null)\" in a direnv .envrc or a shell hook."})
final class EnvCommand implements Callable<Integer> {

  /** Output formats; json prints one object. */
  enum Format { sh, fish, dotenv, json }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sh",
      description = "sh (default), fish, dotenv or json.")
  Format format;

  @Spec CommandSpec spec;

  private final Wiring wiring;

  EnvCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    print(wiring, wiring.cwd(spec), format, spec.commandLine().getOut(), spec.commandLine().getErr());
    return 0;
  }

  /** The variables of the worktree {@code dir} is in, printed in {@code format} (QuickEnv too). */
  static void print(Wiring wiring, Path dir, Format format, PrintWriter out, PrintWriter err) {
    // find, not require, on the way that succeeds: on a cd hook's path the first lambda (require's)
    // would cost milliseconds of method-handle set-up; require then words the refusal
    EnvUseCase use = wiring.environment();
    EnvUseCase.Environment env = use.find(dir).orElse(null);
    if (env == null) {
      env = use.require(dir);
    }
    if (env.warning() != null) {
      err.println("! " + env.warning());
      err.flush();
    }
    // real values, quoted by the format: printing them is this command's job, so no masking
    PrintWriter raw = SafeOutput.raw(out);
    raw.print(EnvFormat.valueOf(format.name().toUpperCase(Locale.ROOT)).render(env.variables()));
    raw.flush();
  }
}
