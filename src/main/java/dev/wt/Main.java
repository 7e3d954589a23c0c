package dev.wt;

import dev.wt.cli.Cli;
import dev.wt.cli.CliEnv;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Entry point: the only place wt exits the JVM. */
public final class Main {

  private Main() {}

  public static void main(String... args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    boolean terminal = isTerminal();
    int code = Cli.run(new CliEnv(Path.of("").toAbsolutePath(), System.getenv(), out, err, terminal), args);
    out.flush();
    err.flush();
    // halt, not System.exit: on JDK 21+ exit first sets up the platform logging (service lookup,
    // java.util.logging reading its configuration), 20-30 ms, to log the exit at DEBUG. wt
    // registers no shutdown hooks, and its output is flushed above
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /**
   * The launcher says whether stdin and stdout are a terminal ({@code -Dwt.terminal}, a shell test):
   * on JDK 22+ asking the JVM costs 10–15 ms of start-up (a console provider found by service
   * lookup, then reflection). Without it, JDK 22+ returns a console even when redirected, so ask
   * that console whether it really is a terminal.
   */
  private static boolean isTerminal() {
    String told = System.getProperty("wt.terminal");
    if (told != null) {
      return told.equals("1");
    }
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
