package dev.wt.app.worktree;

import dev.wt.core.GeneratedFile;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.wt.app.resource.ResourceProvisioner;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/** Releases everything a worktree owns; works when its folder is already gone, and twice. */
public final class TeardownUseCase {

  private final Services services;
  private final List<ResourceProvisioner> resources;
  private final TeardownCommands commands;

  public TeardownUseCase(Services services, List<ResourceProvisioner> resources) {
    this(services, resources, null);
  }

  /** With {@code trust}, {@code [teardown] commands} run (once approved) before anything is released. */
  public TeardownUseCase(Services services, List<ResourceProvisioner> resources, dev.wt.app.trust.TrustGate trust) {
    this.services = services;
    this.resources = List.copyOf(resources);
    this.commands = new TeardownCommands(services, trust);
  }

  /** Runs {@code [teardown] commands} for {@code record}: {@code down} calls it before it removes anything. */
  public void runCommands(Repo repo, WorktreeRecord record, Reporter reporter) {
    if (!record.shared() && record.databases().stream().anyMatch(dev.wt.core.OwnedDatabase::postgres)) {
      repo.key(); // their marks need the repository id: a damaged one refuses before anything goes
    }
    commands.run(repo, record, reporter);
  }

  /** What teardown released; {@code slug} is null when nothing was provisioned there. */
  public record Result(String slug, String path, List<String> released) {}

  /**
   * Tears down the worktree at {@code target} (absolute or relative to {@code cwd}), or the one
   * {@code cwd} is in when target is null; refused while another repository's worktree uses its
   * ports and databases (a task's primary), unless {@code force}.
   */
  public Result teardown(Path cwd, String target, boolean force, Reporter reporter) {
    Path path = target == null ? cwd : cwd.resolve(target).toAbsolutePath().normalize();
    Repo repo;
    Optional<WorktreeRecord> record;
    if (services.disk().isDirectory(path)) {
      repo = Repo.open(services, path);
      var loc = repo.location();
      if (loc.isMain() && loc.worktreeRoot().equals(RealPaths.of(path))) {
        throw WtException.refused("the main worktree has nothing to tear down",
            "run wt teardown inside a linked worktree, or pass its path");
      }
      record = WorktreeTarget.here(repo);
      path = loc.worktreeRoot();
    } else {
      repo = Repo.open(services, cwd);
      path = RealPaths.of(path);
      record = WorktreeTarget.at(repo, path);
    }
    if (record.isEmpty()) {
      reporter.unchanged("nothing to tear down at " + path + ": wt did not provision it (or already tore it down)");
      return new Result(null, path.toString(), List.of());
    }
    if (!force) {
      new dev.wt.app.TaskBorrowers(services).refuseWhileBorrowed(record.get(),
          "wt teardown" + (target == null ? "" : " " + dev.wt.core.Shell.quote(target)));
    }
    // under the worktree's lock, as down and gc release a record: an up or setup making its databases
    // finishes first, and the record is read again once it is held (that command may have changed it)
    String slug = record.get().slug();
    Path at = path;
    return repo.state().lockedWorktree(slug, SetupState.waitingNotice(reporter), () -> {
      Optional<WorktreeRecord> now = repo.state().bySlug(slug);
      if (now.isEmpty()) {
        reporter.unchanged("nothing to tear down at " + at + ": another wt command released it meanwhile");
        return new Result(null, at.toString(), List.of());
      }
      runCommands(repo, now.get(), reporter);
      return release(repo, now.get(), reporter);
    });
  }

  /** {@link ResourceProvisioner#warm} of every resource: {@code wt down} starts it before its checks. */
  void warm(Repo repo) {
    resources.forEach(p -> p.warm(repo));
  }

  /** Releases a known record: resources in reverse order, then wt's unchanged files, then the record. */
  public Result release(Repo repo, WorktreeRecord record, Reporter reporter) {
    return finish(repo, record, releaseResources(repo, record, reporter), reporter);
  }

  /** What releasing the resources did: the record as left, the resources released, what failed. */
  /** @param hints what each failure's own hint says to do (an approval to give, a server to start) */
  record Released(WorktreeRecord current, List<String> released, List<String> failures, boolean unavailable,
      List<String> hints) {}

  /**
   * Starts releasing the record's resources (databases, ports) on a thread: they need no folder, so
   * {@code wt down} drops databases while it moves the folder aside, once its checks have passed.
   * Not for a record with SQLite files, which live in the folder. {@link #finish} completes it.
   */
  java.util.concurrent.Future<Released> startRelease(Repo repo, WorktreeRecord record, Reporter reporter) {
    java.util.concurrent.FutureTask<Released> task =
        new java.util.concurrent.FutureTask<>(() -> releaseResources(repo, record, reporter));
    Thread t = new Thread(task, "wt-release");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** Waits for {@link #startRelease} and finishes as {@link #release} does. */
  Result finish(Repo repo, WorktreeRecord record, java.util.concurrent.Future<Released> started, Reporter reporter) {
    try {
      return finish(repo, record, started.get(), reporter);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment("interrupted", "run wt down again to finish");
    }
  }

  private Released releaseResources(Repo repo, WorktreeRecord record, Reporter reporter) {
    List<String> released = new ArrayList<>();
    WorktreeRecord current = record;
    List<String> failures = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    boolean unavailable = true;
    for (int i = resources.size() - 1; i >= 0; i--) {
      ResourceProvisioner p = resources.get(i);
      try {
        current = p.release(repo, current, reporter);
        repo.state().save(current);
        released.add(p.name());
      } catch (WtException e) {
        failures.add(p.name() + ": " + e.getMessage());
        // an approval a Docker server needs ("wt trust, then wt setup"): here the next step is teardown
        String hint = e.hint() == null || e.hint().isBlank() ? null : e.hint().startsWith("wt trust") ? "wt trust" : e.hint();
        if (hint != null && !hints.contains(hint)) {
          hints.add(hint);
        }
        unavailable &= e.exitCode() == dev.wt.core.ExitCode.ENVIRONMENT;
      }
    }
    return new Released(current, released, failures, unavailable, hints);
  }

  private Result finish(Repo repo, WorktreeRecord record, Released r, Reporter reporter) {
    WorktreeRecord current = r.current();
    List<String> released = new ArrayList<>(r.released());
    List<String> failures = r.failures();
    boolean unavailable = r.unavailable();
    if (!failures.isEmpty()) {
      // a server that is gone is exit 3 (environment unavailable), whatever else was released
      throw new WtException(unavailable ? dev.wt.core.ExitCode.ENVIRONMENT : dev.wt.core.ExitCode.PARTIAL,
          "teardown of " + record.slug() + " is incomplete: " + String.join("; ", failures),
          "fix the cause" + (r.hints().isEmpty() ? "" : " (" + String.join("; ", r.hints()) + ")")
              + " and run wt teardown again; the record is kept until everything is released");
    }
    Path root = Path.of(current.path());
    if (services.disk().isDirectory(root)) {
      for (GeneratedFile f : current.files()) {
        if (f.kind().removable() && services.files().deleteIfUnchanged(root, f.path(), f.sha256())) {
          released.add(f.path());
          reporter.done("removed " + f.path());
        }
      }
      removeMarker(repo, root, current.slug());
    }
    // under the worktree's setup lock, which goes with the record (a setup still running finishes first)
    String slug = current.slug();
    repo.state().lockedWorktree(slug, () -> { }, () -> {
      repo.state().delete(slug);
      return null;
    });
    // wt's info/exclude lines for this worktree's files that no remaining worktree generates (the
    // file is shared by all); a line naming any other file is the user's, wherever it stands
    repo.state().locked(() -> {
      java.util.Set<String> drop = new java.util.HashSet<>();
      current.files().forEach(f -> drop.add(dev.wt.core.ExcludeLines.line(f.path())));
      repo.state().all().forEach(w -> w.files().forEach(f -> drop.remove(dev.wt.core.ExcludeLines.line(f.path()))));
      new dev.wt.app.resource.FileProvisioner(services.git(), services.files(), services.disk())
          .unexcludeGone(repo.location().commonDir(), drop);
      return null;
    });
    reporter.done("released " + current.slug() + " (" + current.identity().branch() + ")");
    return new Result(current.slug(), current.path(), released);
  }

  private void removeMarker(Repo repo, Path root, String slug) {
    try {
      repo.gitFiles().removeMarker(services.git().locate(root).gitDir(), slug);
    } catch (IOException | WtException e) {
      // the marker only speeds up lookups; a stale one points at no record and is ignored
    }
  }
}
