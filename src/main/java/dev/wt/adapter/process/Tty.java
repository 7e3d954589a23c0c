package dev.wt.adapter.process;

import dev.wt.core.WtException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Whether wt can ask its user a question: stdin and stderr are both a terminal. */
public final class Tty {

  private Tty() {}

  /**
   * Asks {@code test -t} in a child that inherits wt's stdin and stderr: Java itself only knows
   * whether stdin and stdout are a terminal, and a redirected stdout must not stop the question
   * ({@code test} prints nothing, so the inherited stdout stays untouched).
   */
  public static boolean stdinAndStderr() {
    try {
      Process p = Exec.attached(List.of("sh", "-c", "test -t 0 && test -t 2"), null, Map.of(), false, "wt needs sh");
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (WtException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
