package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.trust.TrustGate;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.CommandRunner;
import dev.wt.port.Reporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last step of setup: the repository's set-up commands, run once per list and only when trusted. */
final class SetupCommands {

  private final CommandRunner runner;
  private final TrustGate trust;

  SetupCommands(CommandRunner runner, TrustGate trust) {
    this.runner = runner;
    this.trust = trust;
  }

  /**
   * Runs the set-up commands once the repository is trusted, unless the same list ran already
   * ({@code rerun} runs it again); returns the record with the list's digest once all succeeded.
   */
  WorktreeRecord run(Repo repo, WorktreeRecord record, Map<String, String> vars, boolean rerun,
      List<SetupResult.Action> actions, List<SetupResult.Skipped> skipped, Reporter reporter) {
    List<String> commands = repo.config().setup().commands();
    if (commands.isEmpty()) {
      return record;
    }
    String digest = digest(commands);
    if (digest.equals(record.commandsRun()) && !rerun) {
      actions.add(new SetupResult.Action("commands", commands.size() + " command(s)", SetupResult.Outcome.UNCHANGED,
          "already ran (wt setup --rerun-commands runs them again)"));
      return record;
    }
    if (!approved(repo, commands, actions, skipped, reporter)) {
      return record; // not recorded as run: the next wt setup after wt trust runs them
    }
    Map<String, String> env = new LinkedHashMap<>(vars);
    for (String command : commands) {
      reporter.progress("running: " + command);
      int code = runner.runShell(command, Path.of(record.path()), env, reporter::commandOutput,
          repo.config().setup().timeoutDuration());
      if (code != 0) {
        throw new WtException(dev.wt.core.ExitCode.PARTIAL,
            "set-up command failed with exit code " + code + ": " + command,
            "fix it and run wt setup again in " + record.path() + " (everything before it is in place)");
      }
      actions.add(new SetupResult.Action("command", command, SetupResult.Outcome.CREATED, "ran"));
    }
    return record.withCommandsRun(digest);
  }

  /** Asks the trust gate; when it says no, each command is reported as skipped, with why. */
  private boolean approved(Repo repo, List<String> commands, List<SetupResult.Action> actions,
      List<SetupResult.Skipped> skipped, Reporter reporter) {
    List<String> keys = java.util.stream.IntStream.range(0, commands.size())
        .mapToObj(dev.wt.core.RepoCommands::setupKey).toList();
    TrustGate.Verdict verdict = trust.check(repo, keys, reporter);
    for (int i = 0; i < commands.size(); i++) {
      if (!verdict.mayRun(keys.get(i))) {
        skipped.add(new SetupResult.Skipped(keys.get(i), commands.get(i), verdict.reason()));
      }
    }
    for (SetupResult.Skipped s : skipped) {
      actions.add(new SetupResult.Action("command", s.command(), SetupResult.Outcome.SKIPPED, "not run: " + s.reason()));
    }
    return skipped.isEmpty();
  }

  static String digest(List<String> commands) {
    dev.wt.core.Sha md = dev.wt.core.Sha.sha256();
    for (String c : commands) {
      md.update(c.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }
}
