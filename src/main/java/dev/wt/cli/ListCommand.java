package dev.wt.cli;

import dev.wt.app.worktree.ListUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt list}: every worktree with its identity and state. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List every worktree: branch, slug, path, clean/dirty, ahead/behind the base, "
        + "and whether wt provisioned it (yes, no, or not set up: made by wt up --no-setup, run wt setup).")
final class ListCommand implements Callable<Integer> {

  @Option(names = "--tasks", description = "List the tasks of the workspace (wt-workspace.toml): each branch with a "
      + "wt worktree in one of its repositories, and which repositories.")
  boolean tasks;

  @Option(names = {"-W", "--workspace"}, paramLabel = "PATH", description = "The workspace file (or its folder) for --tasks.")
  java.nio.file.Path workspace;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  ListCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    if (tasks) {
      var taskList = wiring.task().tasks(wiring.cwd(spec), workspace);
      var tout = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOption.print(tout, taskList);
      } else {
        int w = Math.max("TASK".length(), taskList.stream().mapToInt(t -> t.name().length()).max().orElse(0));
        tout.println(pad("TASK", w) + " REPOSITORIES");
        taskList.forEach(t -> tout.println(pad(t.name(), w) + " " + String.join(",", t.repos())));
        tout.flush();
      }
      return 0;
    }
    ListUseCase.Listing listing = wiring.list().list(wiring.cwd(spec));
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, listing);
      return 0;
    }
    // columns as wide as their longest value, so long branch names and slugs never shift the rest
    List<String[]> rows = new ArrayList<>();
    for (ListUseCase.Entry e : listing.worktrees()) {
      rows.add(new String[] {(e.branch() == null ? "(detached)" : e.branch()) + (e.main() ? " *" : ""),
          e.slug() == null ? "-" : e.slug(), "+" + e.ahead() + "/-" + e.behind()});
    }
    int[] width = {"BRANCH".length(), "SLUG".length(), "+/-".length()};
    for (String[] r : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    out.println(pad("BRANCH", width[0]) + " " + pad("SLUG", width[1]) + " " + pad("STATUS", 7) + " "
        + pad("+/-", width[2]) + " " + pad("WT", 10) + " PATH  URL");
    for (int i = 0; i < rows.size(); i++) {
      ListUseCase.Entry e = listing.worktrees().get(i);
      String[] r = rows.get(i);
      String status = switch (e.status()) {
        case "dirty" -> ui.yellow(pad(e.status(), 7));
        case "missing", "gone", "moved" -> ui.red(pad(e.status(), 7));
        default -> pad(e.status(), 7);
      };
      String wt = !e.provisioned() ? pad("no", 10) : e.setUp() ? pad("yes", 10) : ui.yellow(pad("not set up", 10));
      out.println(pad(r[0], width[0]) + " " + pad(r[1], width[1]) + " " + status + " " + pad(r[2], width[2]) + " "
          + wt + " " + e.path() + (e.url() == null ? "" : "  " + e.url()));
    }
    var err = spec.commandLine().getErr();
    List<ListUseCase.Entry> gone = listing.worktrees().stream()
        .filter(e -> e.status().equals("missing") || e.status().equals("gone")).toList();
    if (gone.stream().anyMatch(e -> e.usedBy().isEmpty())) {
      err.println(ui.dim("hint: ") + "missing/gone: the folder no longer exists; wt gc lists what it left behind, "
          + "wt gc --yes releases it");
    }
    if (listing.worktrees().stream().anyMatch(e -> e.status().equals("moved"))) {
      err.println(ui.dim("hint: ") + "moved: the folder was moved by hand (not with git worktree move); wt gc says "
          + "where to, and git worktree repair <new path> makes git and wt find it there");
    }
    // a task's primary lends its ports and databases: gc keeps them while a borrower is there
    for (ListUseCase.Entry e : gone) {
      if (!e.usedBy().isEmpty()) {
        String task = e.branch() == null ? e.slug() : e.branch();
        err.println(ui.dim("hint: ") + task + " is " + e.status() + " but wt gc keeps its ports and databases "
            + "while " + String.join(", ", e.usedBy()) + (e.usedBy().size() == 1 ? " uses" : " use") + " them; wt down "
            + dev.wt.core.Shell.quote(task) + " in the workspace takes the whole task down");
      }
    }
    out.flush();
    return 0;
  }

  private static String pad(String s, int n) {
    return String.format("%-" + n + "s", s);
  }
}
