package dev.wt.cli;

import dev.wt.app.worktree.DownUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt down}: remove a worktree and release what it owns, losing nothing. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = {
      "Remove a worktree and release everything it owns (wt teardown).",
      "Refuses a worktree with uncommitted changes or commits no branch holds, and the one you stand in.",
      "Ignored files you made (build output, keys, logs; in submodules too) are moved to wt's trash, kept 7 days "
          + "(<git common dir>/wt/trash); dependency folders a lockfile rebuilds (node_modules, .venv, vendor) go.",
      "Deletes the branch only when wt up created it and it is merged into the base (squash merges count); "
          + "otherwise keeps it and says so."})
final class DownCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "BRANCH|PATH", description = "The worktree's branch or folder.")
  String target;

  @Option(names = "--force", description = "Discard uncommitted changes, save commits no branch holds under "
      + "refs/wt/saved/<slug>/, and delete the branch wt created even if unmerged.")
  boolean force;

  @Option(names = "--keep-branch", description = "Keep the branch even when it is merged.")
  boolean keepBranch;

  @Option(names = "--delete-branch", description = "Also delete a branch wt did not create (one that existed before "
      + "wt up), under the same rules: merged, or --force.")
  boolean deleteBranch;

  @Option(names = "--purge", description = "Delete your ignored files instead of moving them to wt's trash.")
  boolean purge;

  @Option(names = "--push", description = "First push each branch with commits its remote lacks (the worktree's, "
      + "and those checked out in its submodules); a failed push removes nothing (exit 1).")
  boolean push;

  @Option(names = {"-W", "--workspace"}, paramLabel = "PATH", description = "BRANCH is a task of this workspace "
      + "(wt-workspace.toml, or its folder): remove its worktree from every repository that has one. In the "
      + "workspace's folder (outside the repositories) that is the default.")
  java.nio.file.Path workspace;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  DownCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    if (keepBranch && deleteBranch) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--keep-branch and --delete-branch contradict each other: pass one");
    }
    if (workspace != null || (target != null && wiring.task().outsideRepositories(wiring.cwd(spec)))) {
      return TaskOutput.print(spec.commandLine().getOut(), json, wiring.task().down(wiring.cwd(spec), workspace, target,
          new DownUseCase.Request(target, force, keepBranch, wiring.env().cwd(), deleteBranch, purge, push),
          ui.reporter()), "down");
    }
    return single(wiring, wiring.cwd(spec),
        new DownUseCase.Request(target, force, keepBranch, wiring.env().cwd(), deleteBranch, purge, push), json.enabled(),
        spec.commandLine().getOut());
  }

  /** One repository's down, printed; also what a plain {@code wt down NAME} runs without picocli ({@link QuickWorktree}). */
  static int single(Wiring wiring, java.nio.file.Path cwd, DownUseCase.Request request, boolean json,
      java.io.PrintWriter out) {
    Ui ui = new Ui(wiring.env());
    DownUseCase.Result r = wiring.down().down(cwd, request, ui.reporter());
    if (json) {
      JsonOption.print(out, r);
    } else {
      out.println(ui.bold("down: ") + r.path() + (r.branch() == null ? "" : " (branch " + r.branch() + ": "
          + r.branchOutcome() + ")"));
      out.flush();
    }
    return 0;
  }
}
