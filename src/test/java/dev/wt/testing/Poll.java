package dev.wt.testing;

import java.time.Duration;

/**
 * Waiting in tests: ask again and again until the answer comes or a deadline passes, never a
 * fixed sleep (a loaded machine makes every fixed wait too short sooner or later).
 */
public final class Poll {

  /** A question asked until it answers: null (or {@code false}) means "not yet". */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  private Poll() {}

  /** The first answer of {@code probe} that is neither null nor {@code false}; null when {@code limit} passed first. */
  public static <T> T first(Duration limit, Probe<T> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    long pause = 5;
    while (true) {
      T answer;
      try {
        answer = probe.get();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      if (answer != null && !Boolean.FALSE.equals(answer)) {
        return answer;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      pause = Math.min(pause * 2, 100);
    }
  }

  /** Whether {@code condition} came true within {@code limit}. */
  public static boolean until(Duration limit, Probe<Boolean> condition) {
    return first(limit, condition) != null;
  }

  /** Waits for {@code condition}; fails naming {@code what} when it did not come true within {@code limit}. */
  public static void await(String what, Duration limit, Probe<Boolean> condition) {
    if (!until(limit, condition)) {
      throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
    }
  }
}
