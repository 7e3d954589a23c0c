package dev.wt.cli;

import dev.wt.app.database.ServerAction;
import dev.wt.port.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt db server start|stop|status}: the repository's embedded PostgreSQL cluster. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "The embedded PostgreSQL cluster wt runs for this repository ([postgres] mode = \"embedded\").")
final class DbServerCommand implements Runnable {

  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbServerCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (creating it the first time).")
  int start(@Mixin JsonOption json) {
    return act(ServerAction.START, json);
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it; its data stays.")
  int stop(@Mixin JsonOption json) {
    return act(ServerAction.STOP, json);
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Stop it and delete its data folder. Refuses while worktrees have databases there or while it "
          + "holds databases wt did not make (such as the main one), unless --force.")
  int remove(@Mixin JsonOption json,
      @picocli.CommandLine.Option(names = "--force", description = "Delete it even if that loses data.") boolean force) {
    EmbeddedPostgres.Status s = wiring.dbStatus().server(wiring.cwd(spec), ServerAction.REMOVE, force,
        new Ui(wiring.env()).reporter());
    return render(s, json, ServerAction.REMOVE);
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Where it lives and whether it runs; exits 0 when running, 1 otherwise.")
  int status(@Mixin JsonOption json) {
    return act(ServerAction.STATUS, json);
  }

  private int act(ServerAction action, JsonOption json) {
    EmbeddedPostgres.Status s = wiring.dbStatus().server(wiring.cwd(spec), action, new Ui(wiring.env()).reporter());
    return render(s, json, action);
  }

  private int render(EmbeddedPostgres.Status s, JsonOption json, ServerAction action) {
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, s);
    } else {
      out.println("embedded PostgreSQL " + (s.version() == null ? "" : s.version() + " ")
          + (s.running() ? "running on 127.0.0.1:" + s.port() : s.initialised() ? "stopped"
              : action == ServerAction.REMOVE ? "removed" : "not created yet"));
      out.println((action == ServerAction.REMOVE && !s.initialised() ? "  data was in " : "  data ") + s.dataDir());
      if (s.binDir() != null) {
        out.println("  binaries " + s.binDir());
      }
      out.flush();
    }
    return action == ServerAction.STATUS && !s.running() ? 1 : 0;
  }
}
