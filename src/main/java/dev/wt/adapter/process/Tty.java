package dev.wt.adapter.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether wt can ask its user a question: stdin and stderr are both a terminal. */
public final class Tty {

  private Tty() {}

  /**
   * Asks {@code test -t} in a child that inherits wt's stdin and stderr: Java itself only knows
   * whether stdin and stdout are a terminal, and a redirected stdout must not stop the question.
   */
  public static boolean stdinAndStderr() {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "test -t 0 && test -t 2")
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
