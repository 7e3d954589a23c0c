package dev.wt.cli;

import dev.wt.app.worktree.UpUseCase;
import dev.wt.core.Shell;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt up <branch>}: create (or finish) a worktree for a branch and set it up. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
      "Create a worktree for BRANCH and set it up (see wt setup).",
      "A new branch starts from the base; an existing local branch is checked out; a branch only "
          + "origin has is tracked. Running it again finishes a half-done up."})
final class UpCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "BRANCH", description = "Branch name (data, never an option).")
  String branch;

  @Option(names = "--base", paramLabel = "REF", description = "Start a new branch from REF instead of the base branch.")
  String base;

  @Option(names = "--fetch", description = "Fetch the base (e.g. origin/main) from its remote before starting a new "
      + "branch from it; [git] fetch = true in wt.toml does it always.")
  boolean fetch;

  @Option(names = "--dir", paramLabel = "PATH", description = "Put the worktree at PATH instead of the configured pattern.")
  Path dir;

  @Option(names = "--no-setup", description = "Only create the worktree; run wt setup in it later (until then it is not set up: "
      + "wt list says so, wt env, run and db refuse).")
  boolean noSetup;

  @Option(names = "--repos", split = ",", paramLabel = "NAME", description = "A task across repositories: a worktree on "
      + "BRANCH in each named repository of the workspace (wt-workspace.toml); default with -W or in the workspace's "
      + "folder: all of them.")
  List<String> repos;

  @Option(names = {"-W", "--workspace"}, paramLabel = "PATH", description = "The workspace file (or its folder) "
      + "instead of the nearest wt-workspace.toml above the current folder.")
  Path workspace;

  @Mixin JsonOption json;
  @Mixin ForceDbPullOption forceDbPull;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  UpCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    if (repos != null || workspace != null || wiring.task().outsideRepositories(wiring.cwd(spec))) {
      return TaskOutput.print(spec.commandLine().getOut(), json,
          wiring.task().up(wiring.cwd(spec), workspace, branch, repos, noSetup, new Ui(wiring.env()).reporter()), "up");
    }
    return single(wiring, wiring.cwd(spec), new UpUseCase.Request(branch, base, dir, noSetup, fetch), json.enabled(),
        spec.commandLine().getOut());
  }

  /** One repository's up, printed; also what a plain {@code wt up BRANCH} runs without picocli ({@link QuickWorktree}). */
  static int single(Wiring wiring, Path cwd, UpUseCase.Request request, boolean json, PrintWriter out) {
    Ui ui = new Ui(wiring.env());
    UpUseCase.Result r = wiring.up().up(cwd, request, ui.reporter());
    ShellCd.offer(wiring.env(), r.path());
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("path", r.path().toString());
      doc.put("created", r.created());
      doc.put("branchSource", r.branchSource());
      doc.put("record", r.record());
      doc.put("setup", r.setup() == null ? null : r.setup().actions());
      doc.put("skipped", r.setup() == null ? java.util.List.of() : r.setup().skipped());
      doc.put("setUp", r.record() != null && !r.record().setupPending());
      JsonOption.print(out, doc);
    } else {
      String slug = r.record() == null ? "" : " (" + r.record().slug() + ")";
      boolean setUp = r.record() != null && !r.record().setupPending();
      // a re-run that had something left to do says what it finished, not "already there"
      List<String> finished = r.created() || r.setup() == null ? List.of() : r.setup().actions().stream()
          .filter(a -> !a.outcome().quiet()).map(a -> a.step() + " " + a.target()).toList();
      String what = setUp ? (r.created() ? "ready: " : !finished.isEmpty() ? "finished: " : "already there: ")
          : (r.created() ? "created, not set up yet: " : "already there, not set up yet: ");
      out.println(ui.bold(what) + r.path() + slug);
      if (!finished.isEmpty()) {
        out.println("  done now: " + String.join(", ", finished));
      }
      out.println("cd " + Shell.quote(r.path().toString()) + (setUp ? "" : " && wt setup"));
      out.flush();
    }
    return SetupCommand.skippedExit(wiring, r.setup());
  }
}
