package dev.wt.app.task;

import dev.wt.app.worktree.DownUseCase;
import dev.wt.app.worktree.ListUseCase;
import dev.wt.app.worktree.UpUseCase;
import dev.wt.core.Workspace;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import dev.wt.port.WorkspaceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A task across the repositories of a workspace ({@code wt-workspace.toml}): one worktree per
 * repository on the task's branch, each set up by its own {@code wt.toml}. The primary repository's
 * worktree is made first and holds the task's ports and databases; the others share them (see
 * {@link TaskSharing}). Repositories are done one after another and a failing one does not undo the
 * others; every step is the single-repository use case's, so a re-run finishes what is left.
 */
public final class TaskUseCase {

  private final WorkspaceLoader loader;
  // built when a task runs, one per repository: most commands only ask whether the folder is a
  // workspace's (outsideRepositories)
  private final Supplier<UpUseCase> up;
  private final Supplier<DownUseCase> down;
  private final Supplier<ListUseCase> list;
  private final dev.wt.port.LocalFiles disk;
  private final TaskSharing sharing;

  public TaskUseCase(WorkspaceLoader loader, Supplier<UpUseCase> up, Supplier<DownUseCase> down, Supplier<ListUseCase> list,
      dev.wt.app.Services services) {
    this.loader = loader;
    this.disk = services.disk();
    this.sharing = new TaskSharing(services);
    this.up = up;
    this.down = down;
    this.list = list;
  }

  /** What happened in one repository: {@code done} true when it is finished, {@code detail} says what or why not. */
  public record Outcome(String repo, Path path, boolean done, String detail) {}

  /** The outcomes, one per repository, in the workspace's order. */
  public record Result(String task, Path workspace, List<Outcome> repos) {
    public boolean allDone() {
      return repos.stream().allMatch(Outcome::done);
    }
  }

  /** A task and the repositories that have a worktree on its branch. */
  public record Task(String name, List<String> repos) {}

  /** The workspace for {@code cwd} (or {@code explicit}), refused when there is none. */
  public Workspace workspace(Path cwd, Path explicit) {
    return loader.find(cwd, explicit).orElseThrow(() -> WtException.usage("no " + Workspace.FILE + " in " + cwd
        + " or a folder above it", "write one naming the repositories ([repos] backend = \"backend\"), or pass -W PATH"));
  }

  /**
   * Whether {@code cwd} lies in a workspace's folder but in no git checkout below it (a repository
   * or one of its worktrees): there, {@code wt up TASK} and {@code wt down TASK} mean the task.
   */
  public boolean outsideRepositories(Path cwd) {
    java.util.Optional<Workspace> ws = loader.find(cwd, null);
    if (ws.isEmpty()) {
      return false;
    }
    Path top = ws.get().file().getParent();
    for (Path dir = cwd.toAbsolutePath().normalize(); dir != null && dir.startsWith(top); dir = dir.getParent()) {
      if (disk.exists(dir.resolve(".git"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code wt up TASK --repos …}: a worktree on branch {@code task} in each picked repository, and
   * always in the primary one, whose worktree holds the ports and databases the others share.
   */
  public Result up(Path cwd, Path explicit, String task, List<String> repos, boolean noSetup, Reporter reporter) {
    Workspace ws = workspace(cwd, explicit);
    Map<String, Path> picked = new LinkedHashMap<>();
    picked.put(ws.primary(), ws.repos().get(ws.primary()));
    picked.putAll(ws.select(repos));
    List<Outcome> out = new ArrayList<>();
    WorktreeRecord primary = null;
    for (Map.Entry<String, Path> r : picked.entrySet()) {
      boolean isPrimary = r.getKey().equals(ws.primary());
      reporter.progress(r.getKey() + ": wt up " + task);
      if (!disk.isDirectory(r.getValue())) {
        out.add(new Outcome(r.getKey(), r.getValue(), false, "no folder " + r.getValue() + " (repos." + r.getKey()
            + " in " + ws.file() + "): clone it there"));
        continue;
      }
      if (!isPrimary && primary == null) {
        out.add(new Outcome(r.getKey(), r.getValue(), false, "waits for " + ws.primary()
            + ", whose worktree holds the task's ports and databases"));
        continue;
      }
      TaskSharing.Shared shared = null;
      try {
        shared = isPrimary ? null : sharing.share(r.getValue(), task, ws.repos().get(ws.primary()), primary);
        UpUseCase.Result res = up.get().up(r.getValue(), new UpUseCase.Request(task, null, null, noSetup, false), reporter);
        boolean skipped = res.setup() != null && !res.setup().skipped().isEmpty();
        boolean setUp = res.record() != null && !res.record().setupPending();
        if (isPrimary && res.record() != null && (setUp || noSetup)) {
          primary = res.record();
        }
        out.add(new Outcome(r.getKey(), res.path(), !skipped && (setUp || noSetup),
            skipped ? res.setup().skipped().size() + " command(s) from the repository not run (wt trust, then wt setup there)"
                : (res.created() ? "ready" : "already there") + (setUp ? "" : ", not set up yet")
                    + (shared == TaskSharing.Shared.OWN ? ", with its own ports and databases (made before it joined "
                        + "the task)" : isPrimary || noSetup ? "" : ", shares " + ws.primary() + "'s ports and databases")));
      } catch (WtException e) {
        if (shared == TaskSharing.Shared.SEEDED) {
          sharing.unseed(r.getValue(), task);
        }
        out.add(new Outcome(r.getKey(), r.getValue(), false, e.getMessage()));
      }
    }
    return new Result(task, ws.file(), out);
  }

  /**
   * {@code wt down TASK}: removes the task's worktree from every repository of the workspace that
   * has one (whichever {@code --repos} made it), each with the single-repository down's safety; the
   * primary one last, and only when the others are gone, since it releases the shared resources.
   */
  public Result down(Path cwd, Path explicit, String task, DownUseCase.Request template, Reporter reporter) {
    Workspace ws = workspace(cwd, explicit);
    Map<String, Path> order = new LinkedHashMap<>(ws.repos());
    order.remove(ws.primary());
    order.put(ws.primary(), ws.repos().get(ws.primary()));
    List<Outcome> out = new ArrayList<>();
    for (Map.Entry<String, Path> r : order.entrySet()) {
      if (!disk.isDirectory(r.getValue())) {
        continue; // never cloned here: it has no worktree of the task
      }
      try {
        if (worktreeOn(r.getValue(), task) == null) {
          continue;
        }
        List<String> left = out.stream().filter(o -> !o.done()).map(Outcome::repo).toList();
        if (r.getKey().equals(ws.primary()) && !left.isEmpty()) {
          out.add(new Outcome(r.getKey(), r.getValue(), false, "kept: its worktree holds the task's ports and databases, "
              + "which " + String.join(", ", left) + " still use"));
          continue;
        }
        reporter.progress(r.getKey() + ": wt down " + task);
        DownUseCase.Result res = down.get().down(r.getValue(), new DownUseCase.Request(task, template.force(),
            template.keepBranch(), template.shellCwd(), template.deleteBranch(), template.purge(), template.push()),
            reporter);
        out.add(new Outcome(r.getKey(), Path.of(res.path()), true, res.worktreeRemoved() ? "removed" : "released"));
      } catch (WtException e) {
        out.add(new Outcome(r.getKey(), r.getValue(), false, e.getMessage()));
      }
    }
    if (out.isEmpty()) {
      throw WtException.usage("no repository of " + ws.file() + " has a worktree on " + task, "wt list --tasks");
    }
    // in the workspace's order, as up prints them
    List<String> names = new ArrayList<>(ws.repos().keySet());
    out.sort(java.util.Comparator.comparingInt(o -> names.indexOf(o.repo())));
    return new Result(task, ws.file(), out);
  }

  /** {@code wt list --tasks}: branches with a wt worktree in some repository of the workspace. */
  public List<Task> tasks(Path cwd, Path explicit) {
    Workspace ws = workspace(cwd, explicit);
    Map<String, List<String>> tasks = new TreeMap<>();
    for (Map.Entry<String, Path> r : ws.repos().entrySet()) {
      try {
        for (ListUseCase.Entry e : list.get().list(r.getValue()).worktrees()) {
          if (!e.main() && e.provisioned() && e.branch() != null) {
            tasks.computeIfAbsent(e.branch(), k -> new ArrayList<>()).add(r.getKey());
          }
        }
      } catch (WtException e) {
        // a repository that is missing or broken lists no tasks; up and down name it
      }
    }
    List<Task> out = new ArrayList<>();
    tasks.forEach((k, v) -> out.add(new Task(k, v)));
    return out;
  }

  private ListUseCase.Entry worktreeOn(Path repo, String branch) {
    return list.get().list(repo).worktrees().stream().filter(e -> !e.main() && branch.equals(e.branch())).findFirst()
        .orElse(null);
  }

  /** Per-repository lines for the exit-4 error. */
  public static Map<String, String> lines(Result r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.repos().forEach(o -> out.put(o.repo(), (o.done() ? "done: " : "NOT done: ") + o.detail()));
    return out;
  }
}
