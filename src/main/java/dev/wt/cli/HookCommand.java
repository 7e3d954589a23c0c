package dev.wt.cli;

import dev.wt.app.worktree.AgentHooks;
import dev.wt.app.worktree.DownUseCase;
import dev.wt.core.WtException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt hook TOOL EVENT}: what agent tools run when they make or remove a worktree. */
@Command(name = "hook", mixinStandardHelpOptions = true,
    description = {"Entry points for tools that create worktrees themselves (see docs/integrations.md).",
        "Each reads the tool's JSON payload on stdin and answers in the tool's own format."},
    subcommands = {HookCommand.Claude.class})
final class HookCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Claude Code's WorktreeCreate and WorktreeRemove hooks. */
  @Command(name = "claude", mixinStandardHelpOptions = true,
      description = {"Claude Code's WorktreeCreate / WorktreeRemove hooks; in .claude/settings.json:",
          "  \"hooks\": {\"WorktreeCreate\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"wt hook claude create\"}]}],",
          "            \"WorktreeRemove\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"wt hook claude remove\"}]}]}"})
  static final class Claude implements Runnable {

    @Spec CommandSpec spec;

    private final Wiring wiring;

    Claude(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = {"WorktreeCreate: read {\"worktree_name\" (or \"name\"), \"base_commit\" (or \"base_ref\"), \"cwd\"} "
            + "on stdin, run wt up NAME [--base BASE] in cwd's repository, and print only the worktree's absolute "
            + "path on stdout (progress on stderr).",
            "Commands from wt.toml not yet approved (wt trust) are skipped with a warning: the worktree is still made."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the path was printed, also when set-up stopped part way (the problem is on stderr)",
            "1:refused (invalid name, ...): Claude gives up creating it", "2:no usable payload on stdin",
            "3:environment unavailable"})
    int create() {
      HookPayload p = HookPayload.read(wiring.env().stdin(), HookPayload.WAIT);
      String name = p.text("worktree_name", "name");
      if (name == null) {
        throw WtException.usage("the payload names no worktree (no worktree_name or name)",
            "Claude Code sends {\"worktree_name\": \"...\"}; wt uses it as the branch name");
      }
      String cwd = p.text("cwd");
      Path dir = cwd == null ? wiring.cwd(spec) : wiring.cwd(spec).resolve(cwd);
      Ui ui = new Ui(wiring.env());
      AgentHooks hooks = new AgentHooks(wiring.services(), wiring.up(), wiring.down());
      AgentHooks.Created r = hooks.create(dir, name, p.text("base_commit", "base_ref"), ui.reporter());
      if (r.problem() != null) {
        ui.reporter().warn("the worktree is made but its set-up stopped: " + r.problem() + "; wt setup in " + r.path()
            + " finishes it");
      }
      if (r.setup() != null && !r.setup().skipped().isEmpty()) {
        ui.reporter().warn(r.setup().skipped().size() + " command(s) from wt.toml did not run: "
            + r.setup().skipped().get(0).reason() + "; wt trust in " + dir + ", then wt setup in " + r.path());
      }
      var out = spec.commandLine().getOut();
      out.println(r.path().toAbsolutePath());
      out.flush();
      return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"WorktreeRemove: read {\"worktree_path\"} on stdin and run wt down on it, never forced: "
            + "a worktree with uncommitted changes or commits no branch holds is kept, with the reason on stderr "
            + "(Claude Code ignores the failure; wt down --force removes it on purpose). Prints nothing on stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:removed", "1:kept: unsaved work, or no worktree there", "2:no usable payload on stdin",
            "3:environment unavailable", "4:partly released: what is left is on stderr"})
    int remove() {
      HookPayload p = HookPayload.read(wiring.env().stdin(), HookPayload.WAIT);
      String path = p.text("worktree_path");
      if (path == null) {
        throw WtException.usage("the payload names no worktree_path", "Claude Code sends {\"worktree_path\": \"/abs/path\"}");
      }
      Ui ui = new Ui(wiring.env());
      AgentHooks hooks = new AgentHooks(wiring.services(), wiring.up(), wiring.down());
      DownUseCase.Result r = hooks.remove(wiring.cwd(spec).resolve(path), ui.reporter());
      ui.reporter().done("down: " + r.path() + (r.branch() == null ? "" : " (branch " + r.branch() + ": "
          + r.branchOutcome() + ")"));
      return 0;
    }
  }

}
