package dev.wt.cli;

import dev.wt.app.init.InitUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt init}: write a commented wt.toml for the project, never over an existing one. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Look at the project (package.json with drizzle-kit/prisma/knex/typeorm, Rails, Django, alembic, "
        + "a compose postgres service, wrangler D1, .env files, node_modules, .venv, .worktreeinclude) and write a "
        + "commented wt.toml, saying what it found and why each key is there. Never overwrites a wt.toml."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:refused: wt.toml exists", "2:usage error", "3:not a git repository, or cannot write"})
final class InitCommand implements Callable<Integer> {

  enum AgentName { claude, cursor, conductor }

  @Option(names = "--agent", paramLabel = "TOOL", description = "Also write that tool's hook file (${COMPLETION-CANDIDATES}) "
      + "when it does not exist yet.")
  AgentName agent;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  InitCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    InitUseCase.Agent a = agent == null ? null : InitUseCase.Agent.named(agent.name()).orElseThrow();
    InitUseCase.Result r = new InitUseCase(wiring.services()).init(wiring.cwd(spec), a);
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
      return 0;
    }
    Ui ui = new Ui(wiring.env());
    out.println(ui.bold("wrote ") + r.config());
    for (InitUseCase.Finding f : r.findings()) {
      out.println("  " + f.found() + " -> " + f.key());
      out.println("      " + ui.dim(f.why()));
    }
    if (r.findings().isEmpty()) {
      out.println("  nothing specific found: one PostgreSQL database, a port and the env file (the defaults)");
    }
    if (r.agentFile() != null) {
      out.println(ui.bold("wrote ") + r.agentFile());
    }
    if (r.agentSkipped() != null) {
      spec.commandLine().getErr().println(ui.yellow("! ") + r.agentSkipped());
    }
    out.println("next: review it, commit it, then wt up BRANCH");
    out.flush();
    return 0;
  }
}
