package dev.wt.app.process;

import dev.wt.core.Shell;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.ProcessTable;
import dev.wt.port.ProcessTable.Proc;
import dev.wt.port.ProcessTable.Signal;
import dev.wt.port.GitFiles;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.wt.app.worktree.DownUseCase;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

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

  /**
   * What the user asked for; a null target means the worktree of the current directory, which must
   * not be the main one (its dev server is not wt's to stop unasked).
   *
   * @param allWorktrees every linked worktree, never the main one
   */
  public record Request(String target, boolean dryRun, Duration grace, boolean allWorktrees) {}

  /**
   * One process and what happened to it.
   *
   * @param outcome {@code terminated} (exited after SIGTERM), {@code killed} (needed SIGKILL),
   *     {@code survived}, {@code would-stop} (dry run), {@code spared}, or {@code unseen} (another
   *     user's process whose working directory wt may not read: it may be inside, wt cannot tell)
   * @param detail how it was signalled (process group or pid), or why it was spared
   */
  public record Stopped(long pid, String command, String cwd, Outcome outcome, String detail) {}

  /** What happened to one process; in {@code --json} and the listing as the word {@link #toString} gives. */
  public enum Outcome {
    TERMINATED, KILLED, SURVIVED, WOULD_STOP, SPARED, UNSEEN;

    /** Whether wt signalled the process (or would have, in a dry run). */
    public boolean acted() {
      return this != SPARED && this != UNSEEN;
    }

    @Override
    public String toString() {
      return dev.wt.core.Words.of(this);
    }
  }

  /** What stop did in {@code path}. */
  public record Result(String path, boolean dryRun, List<Stopped> processes, boolean fsmonitorStopped) {
    public boolean anySurvived() {
      return processes.stream().anyMatch(p -> p.outcome() == Outcome.SURVIVED);
    }

    /** Other users' processes that may work in the folder; wt can neither see nor stop them. */
    public List<Stopped> unseen() {
      return processes.stream().filter(p -> p.outcome() == Outcome.UNSEEN).toList();
    }

    /** "1 process of another user may still use it (pid 7; ...)", or empty when there is none. */
    public String unseenNote() {
      List<Stopped> u = unseen();
      if (u.isEmpty()) {
        return "";
      }
      boolean one = u.size() == 1;
      String pids = u.stream().limit(10).map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))
          + (u.size() > 10 ? ", ..." : "");
      return (one ? "1 process of another user" : u.size() + " processes of other users") + " may still use it ("
          + (one ? "pid " : "pids ") + pids + "; wt may not read " + (one ? "its working directory" : "their working directories")
          + ", so it can neither tell nor stop " + (one ? "it" : "them") + ")";
    }
  }


  /** Stops what runs in the worktree (or folder) asked for, or in every linked worktree. */
  public List<Result> stop(Path cwd, Request request, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    List<Git.WorktreeEntry> worktrees = services.git().worktrees(repo.main());
    List<Result> results = new ArrayList<>();
    for (Path root : roots(repo, cwd, request, worktrees)) {
      List<Path> nested = worktrees.stream()
          .map(Git.WorktreeEntry::path)
          .filter(p -> p.startsWith(root) && !p.equals(root))
          .toList();
      results.add(stopIn(root, nested, request.dryRun(), request.grace(), reporter));
    }
    List<String> stuck = results.stream().filter(Result::anySurvived).map(Result::path).toList();
    if (!stuck.isEmpty()) {
      throw WtException.partial("some processes in " + String.join(", ", stuck) + " survived SIGKILL (see above)",
          "they are probably stuck in the kernel (uninterruptible I/O); wait, then run wt stop again");
    }
    return results;
  }

  /** The folders to stop: what was named, the current linked worktree, or every linked worktree. */
  private List<Path> roots(Repo repo, Path cwd, Request request, List<Git.WorktreeEntry> worktrees) {
    if (request.allWorktrees()) {
      if (request.target() != null) {
        throw WtException.usage("--all-worktrees takes no BRANCH|PATH", "wt stop <branch> stops one worktree");
      }
      return worktrees.stream().filter(w -> !w.main() && services.disk().isDirectory(w.path()))
          .map(Git.WorktreeEntry::path).toList();
    }
    if (request.target() == null) {
      Git.RepoLocation here = repo.location();
      if (here.isMain()) {
        throw WtException.refused("wt stop without a target in the main worktree would stop your main checkout's "
            + "processes (its dev server included)", "name a worktree (wt stop <branch>), or pass --all-worktrees "
            + "for every linked one; to stop the main checkout's own processes name it: wt stop "
            + Shell.quote(here.worktreeRoot().toString()));
      }
      return List.of(here.worktreeRoot());
    }
    return List.of(resolve(repo, cwd, request.target(), worktrees));
  }

  /** The seam {@code wt down} runs before it removes a worktree. */
  public DownUseCase.WorktreeStopper asStopper() {
    return new DownUseCase.WorktreeStopper() {
      @Override
      public void stop(Path worktree, Reporter reporter) {
        Result r = stopIn(worktree, List.of(), false, DEFAULT_GRACE, reporter);
        if (r.anySurvived()) {
          reporter.warn("some processes in " + worktree + " survived SIGKILL; removing the worktree anyway");
        }
        if (!r.unseen().isEmpty()) {
          reporter.warn(r.unseenNote() + "; removing " + worktree + " anyway: if one works there it keeps running in a "
              + "deleted folder (sudo ls -l /proc/<pid>/cwd shows where it works)");
        }
      }

      @Override
      public boolean working(Path folder) {
        return processes.snapshot().stream().anyMatch(p -> p.cwd() != null && p.cwd().startsWith(folder));
      }
    };
  }

  /** Stops what runs under {@code root}, except under {@code excluded}. */
  public Result stopIn(Path root, List<Path> excluded, boolean dryRun, Duration grace, Reporter reporter) {
    Path canonical = RealPaths.of(root);
    List<Proc> snapshot = processes.snapshot();
    StopPlan plan = StopPlan.of(snapshot, processes.self(), canonical, excluded);
    List<Stopped> out = new ArrayList<>();
    // another user's processes: wt cannot see where they work, so it says they may be here
    List<Stopped> unseen = new ArrayList<>();
    java.util.Set<Long> mine = StopPlan.ancestors(snapshot, processes.self());
    for (ProcessTable.Unseen u : processes.unseen(canonical, createdAt(canonical))) {
      if (!mine.contains(u.pid())) {
        unseen.add(new Stopped(u.pid(), dev.wt.core.ShownCommand.of(u.command()), null, Outcome.UNSEEN, "uid " + u.uid() + ": wt may not read its working directory"));
      }
    }
    for (StopPlan.Spared s : plan.spared()) {
      out.add(stopped(s.proc(), Outcome.SPARED, s.reason()));
      reporter.unchanged("spared pid " + s.proc().pid() + " (" + s.reason() + "): " + dev.wt.core.ShownCommand.of(s.proc().command()));
    }
    if (dryRun) {
      for (Proc p : plan.targets()) {
        out.add(stopped(p, Outcome.WOULD_STOP, how(plan, p)));
        reporter.progress("would stop pid " + p.pid() + " (" + how(plan, p) + "): " + dev.wt.core.ShownCommand.of(p.command()));
      }
      out.addAll(unseen);
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
    out.addAll(unseen);
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
      Outcome outcome = left.contains(p) ? Outcome.SURVIVED : killed.contains(p) ? Outcome.KILLED : Outcome.TERMINATED;
      out.add(stopped(p, outcome, how(plan, p)));
      String line = "pid " + p.pid() + ": " + dev.wt.core.ShownCommand.of(p.command());
      switch (outcome) {
        case TERMINATED -> reporter.done("stopped " + line);
        case KILLED -> reporter.done("killed " + line + " (still running " + grace.toMillis() + " ms after SIGTERM)");
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

  /** When a linked worktree came to be (its admin folder's first file); null for the main one. */
  private Instant createdAt(Path root) {
    Path gitDir = new GitFiles(services.disk()).gitDirOf(root);
    return gitDir == null ? null : services.disk().modified(GitFiles.createdStamp(gitDir)).orElse(null);
  }

  private Path resolve(Repo repo, Path cwd, String target, List<Git.WorktreeEntry> worktrees) {
    Path asPath = cwd.resolve(target).toAbsolutePath().normalize();
    if (services.disk().isDirectory(asPath)) {
      Path real = RealPaths.of(asPath);
      if (worktrees.stream().noneMatch(w -> real.startsWith(w.path()))) {
        throw WtException.refused(real + " is not inside a worktree of this repository",
            "wt stop only stops processes in this repository's worktrees (wt list shows them)");
      }
      return real;
    }
    return WorktreeTarget.named(repo, cwd, target, worktrees).path().orElseThrow(() -> WtException.refused("no worktree for '" + target + "'",
        "wt list shows the worktrees; pass a branch name or a folder"));
  }

  private static String how(StopPlan plan, Proc p) {
    return plan.viaGroup(p) ? "process group " + p.pgid() : "pid";
  }

  private static Stopped stopped(Proc p, Outcome outcome, String detail) {
    return new Stopped(p.pid(), dev.wt.core.ShownCommand.of(p.command()), p.cwd() == null ? null : p.cwd().toString(), outcome, detail);
  }
}
