package dev.wt.cli;

import dev.wt.core.TerminalText;
import dev.wt.port.Reporter;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/** How wt looks: colour only on a terminal and never with NO_COLOR; progress goes to stderr. */
final class Ui {

  /** The escape sequences paint() writes: the only ones SafeOutput lets through. */
  static final Pattern OWN_SEQUENCE = Pattern.compile("\u001b\\[(?:0|1|2|31|32|33)m");

  private final boolean colour;
  private final PrintWriter err;

  Ui(CliEnv env) {
    this.colour = env.colour();
    this.err = env.err();
  }

  String red(String s) {
    return paint("31", s);
  }

  String green(String s) {
    return paint("32", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  private String paint(String code, String s) {
    return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /** A reporter writing one line per event to stderr, keeping stdout for data. */
  Reporter reporter() {
    return new Reporter() {
      @Override
      public void done(String message) {
        line(green("+ ") + message);
      }

      @Override
      public void unchanged(String message) {
        line(dim("= " + message));
      }

      @Override
      public void warn(String message) {
        line(yellow("! ") + message);
      }

      @Override
      public void progress(String message) {
        line(dim("> ") + message);
      }

      @Override
      public void commandOutput(String l) {
        line(dim("| ") + l);
      }

      // one event, one line: a newline inside a message is escaped, never printed
      private void line(String s) {
        err.println(TerminalText.oneLine(s));
        err.flush();
      }
    };
  }
}
