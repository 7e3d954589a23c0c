package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.trust.TrustGate;
import dev.wt.core.PgServer;
import dev.wt.core.RepoCommands;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs {@code [teardown] commands} with the worktree's variables, before {@code down} or
 * {@code teardown} removes anything. Like set-up commands they need the user's approval; a command
 * that is not approved or fails is reported and the removal goes on (it must never trap a worktree).
 */
final class TeardownCommands {

  private final Services services;
  private final TrustGate trust;

  TeardownCommands(Services services, TrustGate trust) {
    this.services = services;
    this.trust = trust;
  }

  /** Runs them in the worktree (in the main worktree when its folder is gone); how many ran to success. */
  int run(Repo repo, WorktreeRecord record, Reporter reporter) {
    List<String> commands = repo.config().teardown().commands();
    if (commands.isEmpty() || trust == null) {
      return 0;
    }
    List<String> keys = IntStream.range(0, commands.size()).mapToObj(RepoCommands::teardownKey).toList();
    TrustGate.Verdict verdict = trust.check(repo, keys, reporter);
    Path folder = Path.of(record.path());
    Path dir = services.disk().isDirectory(folder) ? folder : repo.main();
    Map<String, String> env;
    try {
      env = WorktreeVariables.of(record, repo.config().env().vars());
    } catch (WtException e) {
      reporter.warn("teardown commands not run: " + e.getMessage());
      return 0;
    }
    int ok = 0;
    for (int i = 0; i < commands.size(); i++) {
      String command = commands.get(i);
      if (!verdict.mayRun(keys.get(i))) {
        reporter.warn("teardown command not run (" + verdict.reason() + "): " + command
            + " — wt trust, then run it by hand in " + dir);
        continue;
      }
      reporter.progress("running teardown command: " + command);
      int code = services.commands().runShell(command, dir, env, line -> reporter.commandOutput(PgServer.mask(line)),
          repo.config().setup().timeoutDuration());
      if (code != 0) {
        reporter.warn("teardown command failed with exit code " + code + ": " + command + " (going on with the removal)");
      } else {
        reporter.done("teardown command ran: " + command);
        ok++;
      }
    }
    return ok;
  }
}
