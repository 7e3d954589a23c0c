package dev.wt.cli;

import dev.wt.adapter.process.Tty;
import dev.wt.core.RepoCommand;
import dev.wt.core.TerminalText;
import dev.wt.port.Consent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Asks on the terminal (stderr for the question, stdin for the answer); never without one. */
final class TerminalConsent implements Consent {

  private final CliEnv env;

  TerminalConsent(CliEnv env) {
    this.env = env;
  }

  @Override
  public Optional<Boolean> ask(String heading, List<RepoCommand> commands) {
    if (!Tty.stdinAndStderr()) {
      return Optional.empty();
    }
    Ui ui = new Ui(env);
    PrintWriter err = env.err();
    err.println(ui.yellow("! ") + heading);
    show(err, ui, commands);
    err.print("Run them, and remember this list until it changes? [y/N] ");
    err.flush();
    try {
      // not closed: System.in belongs to the process
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
      return Optional.of(answer.equals("y") || answer.equals("yes"));
    } catch (IOException e) {
      return Optional.of(false);
    }
  }

  /**
   * One command a line, control characters spelled out so the text shown is the text run. Not
   * masked: what looks like a password ({@code DB_PASSWORD="$(curl … | sh)"}) may be the code that
   * runs, and the text approved must be the whole text; it is the repository's own wt.toml.
   */
  static void show(PrintWriter w, Ui ui, List<RepoCommand> commands) {
    PrintWriter raw = SafeOutput.raw(w);
    for (RepoCommand c : commands) {
      raw.println("    " + TerminalText.escape(c.command()) + "  " + ui.dim("(" + TerminalText.escape(c.key()) + ")"));
    }
    raw.flush();
  }
}
