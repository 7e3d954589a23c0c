package dev.wt.app;

import dev.wt.core.WtException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent steps of one command at the same time (databases of a worktree, git status of
 * many worktrees), at most {@code bound} at once, and waits for all of them: a failure is thrown
 * only after every step has finished, so none is cut off half-way.
 */
public final class Concurrently {

  private Concurrently() {}

  /** Runs {@code steps}; the first failure (in the steps' order) is thrown after all have ended. */
  public static void run(List<Runnable> steps, int bound) {
    if (steps.size() <= 1 || bound <= 1) {
      steps.forEach(Runnable::run);
      return;
    }
    List<java.util.function.Supplier<Void>> suppliers = new ArrayList<>();
    for (Runnable r : steps) {
      suppliers.add(() -> {
        r.run();
        return null;
      });
    }
    map(suppliers, bound);
  }

  /** The results of {@code steps}, in their order, computed at most {@code bound} at once. */
  public static <T> List<T> map(List<java.util.function.Supplier<T>> steps, int bound) {
    if (steps.size() <= 1 || bound <= 1) {
      return steps.stream().map(java.util.function.Supplier::get).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(bound, steps.size()), r -> {
      Thread t = new Thread(r, "wt-step");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (java.util.function.Supplier<T> s : steps) {
        futures.add(pool.submit(s::get));
      }
      List<T> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          out.add(null);
          if (first == null) {
            first = e.getCause() instanceof RuntimeException re ? re
                : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw WtException.environment("interrupted", "run the command again");
        }
      }
      if (first != null) {
        throw first;
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }
}
