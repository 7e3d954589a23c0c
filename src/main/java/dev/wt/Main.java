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
    System.exit(code);
  }

  /** JDK 22+ returns a console even when redirected; ask it whether it really is a terminal. */
  private static boolean isTerminal() {
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
