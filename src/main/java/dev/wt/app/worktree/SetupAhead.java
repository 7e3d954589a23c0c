package dev.wt.app.worktree;

import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.util.List;
import java.util.Optional;
import dev.wt.app.resource.ResourceProvisioner;
import dev.wt.app.Repo;

/** What of setup {@code wt up} runs ahead, on threads beside git: preflight, early provisioning, warm-up. */
final class SetupAhead {

  private final SetupUseCase setup;
  private final List<ResourceProvisioner> resources;

  SetupAhead(SetupUseCase setup, List<ResourceProvisioner> resources) {
    this.setup = setup;
    this.resources = resources;
  }

  /**
   * Starts {@link SetupUseCase#preflight} on its own thread: it makes nothing and reads no ref, so {@code wt up}
   * runs it (its database connection above all, 100-200 ms in a fresh JVM) while git lists the
   * worktrees and reads the refs. {@link #awaitPreflight} gives its verdict.
   */
  java.util.concurrent.Future<?> startPreflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    // a daemon: abandoned when up stops earlier, or finds the worktree made already
    return onThread("wt-preflight", () -> setup.preflight(repo, identity, reporter));
  }

  /** Runs {@code step} on a daemon thread named {@code name}; the future gives its outcome. */
  private static java.util.concurrent.Future<?> onThread(String name, Runnable step) {
    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(step, null);
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** Waits for {@link #startPreflight} and throws what the preflight threw. */
  static void awaitPreflight(java.util.concurrent.Future<?> checks) {
    try {
      checks.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment("interrupted", "run wt up again");
    }
  }

  /**
   * Starts {@link ResourceProvisioner#provisionEarly} of every resource on its own thread, for the
   * reserved record of {@code slug}, while the caller checks the worktree out.
   */
  java.util.concurrent.Future<?> startEarly(Repo repo, String slug, Reporter reporter) {
    return onThread("wt-early", () -> {
      WorktreeRecord record = repo.state().bySlug(slug).orElse(null);
      for (ResourceProvisioner p : resources) {
        if (record != null) {
          record = p.provisionEarly(repo, record, reporter);
        }
      }
    });
  }

  /** Waits for {@link #startEarly}; its failure is not thrown: setup makes the same things again and reports it. */
  static void awaitEarly(java.util.concurrent.Future<?> early) {
    try {
      early.get();
    } catch (java.util.concurrent.ExecutionException e) {
      // setup provisions the same resources next, from the record, and reports what stops it there
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment("interrupted", "run wt up again to finish");
    }
  }

  /**
   * Drops what {@link #startEarly} made in this command, and nothing else, for a worktree that
   * was not created after all or whose setup cannot start ({@link ResourceProvisioner#dropEarly}).
   */
  void dropEarly(Repo repo, String slug, Reporter reporter) {
    Optional<WorktreeRecord> record = repo.state().bySlug(slug);
    if (record.isEmpty()) {
      return;
    }
    WorktreeRecord r = record.get();
    for (int i = resources.size() - 1; i >= 0; i--) {
      r = resources.get(i).dropEarly(repo, r, reporter);
    }
  }

  /** {@link ResourceProvisioner#warm} of every resource: started before {@code wt up}'s git reads. */
  void warm(Repo repo) {
    resources.forEach(p -> p.warm(repo));
  }
}
