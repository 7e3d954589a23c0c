package dev.wt.app;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.ProcessTable;
import dev.wt.port.ProcessTable.Proc;
import dev.wt.port.ProcessTable.Signal;
import dev.wt.port.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops every process working inside a worktree: SIGTERM to their process groups (or pids), a
 * grace period, then SIGKILL to what is left. Never wt itself, its ancestors or interactive shells.
 */
public final class StopUseCase {

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
  private static final Duration KILL_WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 50;

  private final Services services;
  private final ProcessTable processes;

  public StopUseCase(Services services, ProcessTable processes) {
    this.services = services;
    this.processes = processes;
  }

  /** What the user asked for; a null target means the worktree of the current directory. */
  public record Request(String target, boolean dryRun, Duration grace) {}

  /**
   * One process and what happened to it.
   *
   * @param outcome {@code terminated} (exited after SIGTERM), {@code killed} (needed SIGKILL),
   *     {@code survived}, {@code would-stop} (dry run) or {@code spared}
   * @param detail how it was signalled (process group or pid), or why it was spared
   */
  public record Stopped(long pid, String command, String cwd, String outcome, String detail) {}

  /** What stop did in {@code path}. */
  public record Result(String path, boolean dryRun, List<Stopped> processes, boolean fsmonitorStopped) {
    public boolean anySurvived() {
      return processes.stream().anyMatch(p -> p.outcome().equals("survived"));
    }
  }

  public Result stop(Path cwd, Request request, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    Path root = resolve(repo, cwd, request.target());
    List<Path> nested = services.git().worktrees(repo.main()).stream()
        .map(Git.WorktreeEntry::path)
        .filter(p -> p.startsWith(root) && !p.equals(root))
        .toList();
    Result r = stopIn(root, nested, request.dryRun(), request.grace(), reporter);
    if (r.anySurvived()) {
      throw WtException.partial("some processes in " + root + " survived SIGKILL (see above)",
          "they are probably stuck in the kernel (uninterruptible I/O); wait, then run wt stop again");
    }
    return r;
  }

  /** The seam {@code wt down} runs before it removes a worktree. */
  public DownUseCase.WorktreeStopper asStopper() {
    return (worktree, reporter) -> {
      Result r = stopIn(worktree, List.of(), false, DEFAULT_GRACE, reporter);
      if (r.anySurvived()) {
        reporter.warn("some processes in " + worktree + " survived SIGKILL; removing the worktree anyway");
      }
    };
  }

  /** Stops what runs under {@code root}, except under {@code excluded}. */
  public Result stopIn(Path root, List<Path> excluded, boolean dryRun, Duration grace, Reporter reporter) {
    Path canonical = UpUseCase.canonical(root);
    StopPlan plan = StopPlan.of(processes.snapshot(), processes.self(), canonical, excluded);
    List<Stopped> out = new ArrayList<>();
    for (StopPlan.Spared s : plan.spared()) {
      out.add(stopped(s.proc(), "spared", s.reason()));
      reporter.unchanged("spared pid " + s.proc().pid() + " (" + s.reason() + "): " + s.proc().command());
    }
    if (dryRun) {
      for (Proc p : plan.targets()) {
        out.add(stopped(p, "would-stop", how(plan, p)));
        reporter.progress("would stop pid " + p.pid() + " (" + how(plan, p) + "): " + p.command());
      }
      return new Result(canonical.toString(), true, out, false);
    }
    terminate(plan, grace, out, reporter);
    // a supervisor (nodemon, a restart loop) may have started something while we waited: one more round
    List<Proc> handled = plan.targets();
    StopPlan again = StopPlan.of(processes.snapshot(), processes.self(), canonical, excluded);
    terminate(again.without(handled), grace, out, reporter);
    boolean fsmonitor = processes.stopFsmonitor(canonical);
    if (fsmonitor) {
      reporter.done("stopped git fsmonitor--daemon of " + canonical);
    }
    return new Result(canonical.toString(), false, out, fsmonitor);
  }

  /** SIGTERM, the grace period, SIGKILL for what is left; adds what happened to {@code out}. */
  private void terminate(StopPlan plan, Duration grace, List<Stopped> out, Reporter reporter) {
    if (plan.targets().isEmpty()) {
      return;
    }
    reporter.progress("stopping " + plan.targets().size() + " process(es)");
    processes.signal(Signal.TERM, plan.groups(), plan.pids());
    List<Proc> left = waitGone(plan.targets(), grace);
    List<Proc> killed = List.copyOf(left);
    if (!left.isEmpty()) {
      List<Long> groups = plan.groups().stream().filter(g -> left.stream().anyMatch(p -> p.pgid() == g)).toList();
      List<Long> pids = left.stream().filter(p -> !plan.viaGroup(p)).map(Proc::pid).toList();
      processes.signal(Signal.KILL, groups, pids);
      left.retainAll(waitGone(left, KILL_WAIT));
    }
    for (Proc p : plan.targets()) {
      String outcome = left.contains(p) ? "survived" : killed.contains(p) ? "killed" : "terminated";
      out.add(stopped(p, outcome, how(plan, p)));
      String line = "pid " + p.pid() + ": " + p.command();
      switch (outcome) {
        case "terminated" -> reporter.done("stopped " + line);
        case "killed" -> reporter.done("killed " + line + " (still running " + grace.toMillis() + " ms after SIGTERM)");
        default -> reporter.warn("could not stop " + line);
      }
    }
  }

  /** Waits until none of {@code procs} runs or the time is up; returns those still running. */
  private List<Proc> waitGone(List<Proc> procs, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Proc> left = new ArrayList<>(procs);
    while (true) {
      left.removeIf(p -> !processes.alive(p));
      if (left.isEmpty() || System.nanoTime() > deadline) {
        return left;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    }
  }

  private Path resolve(Repo repo, Path cwd, String target) {
    if (target == null) {
      return repo.location().worktreeRoot();
    }
    Path asPath = cwd.resolve(target).toAbsolutePath().normalize();
    if (Files.isDirectory(asPath)) {
      return UpUseCase.canonical(asPath);
    }
    Optional<Path> byBranch = services.git().worktrees(repo.main()).stream()
        .filter(w -> target.equals(w.branch())).map(Git.WorktreeEntry::path).findFirst();
    if (byBranch.isPresent()) {
      return byBranch.get();
    }
    Optional<WorktreeRecord> record = repo.recordForBranch(target).or(() -> repo.state().bySlug(target));
    if (record.isPresent()) {
      return Path.of(record.get().path());
    }
    throw WtException.refused("no worktree for '" + target + "'",
        "wt list shows the worktrees; pass a branch name or a folder");
  }

  private static String how(StopPlan plan, Proc p) {
    return plan.viaGroup(p) ? "process group " + p.pgid() : "pid";
  }

  private static Stopped stopped(Proc p, String outcome, String detail) {
    return new Stopped(p.pid(), p.command(), p.cwd() == null ? null : p.cwd().toString(), outcome, detail);
  }
}
