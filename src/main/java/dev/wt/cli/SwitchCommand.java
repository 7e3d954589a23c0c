package dev.wt.cli;

import dev.wt.app.worktree.SwitchUseCase;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt switch [BRANCH|-]}: go to a branch's worktree, making it when there is none. */
@Command(name = "switch", mixinStandardHelpOptions = true,
    description = {
      "Go to BRANCH's worktree, creating it with wt up when it has none; '-' goes back to where the last "
          + "switch or up left from; no BRANCH: in a linked worktree goes to the main one, in the main one lists the worktrees.",
      "Changing the shell's folder needs the shell function: eval \"$(wt shell init bash)\" (or zsh, fish); "
          + "without it, wt switch prints the folder."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:refused (invalid branch, no previous folder, ...)", "2:usage error",
        "3:environment unavailable", "4:made but partly set up"})
final class SwitchCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH", description = "A branch name, or - for the previous folder.")
  String branch;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  SwitchCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Path to;
    boolean created = false;
    dev.wt.app.worktree.SetupResult setup = null;
    if ("-".equals(branch)) {
      String previous = wiring.env().env().get(ShellCd.PREVIOUS);
      if (previous == null || previous.isBlank()) {
        throw WtException.refused("no previous folder to go back to",
            ShellCd.active(wiring.env()) ? "wt switch BRANCH or wt up BRANCH first"
                : "wt switch - needs the shell function: eval \"$(wt shell init bash)\" (or zsh, fish)");
      }
      to = Path.of(previous);
      if (!Files.isDirectory(to)) {
        throw WtException.refused("the previous folder " + to + " is gone", "wt list shows the worktrees");
      }
    } else {
      SwitchUseCase.Result r = new SwitchUseCase(wiring.services(), wiring.up())
          .switchTo(wiring.cwd(spec), branch, new Ui(wiring.env()).reporter());
      if (r.path() == null) {
        return list(r);
      }
      to = r.path();
      created = r.created();
      setup = r.setup();
    }
    ShellCd.offer(wiring.env(), to);
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("path", to.toString());
      doc.put("created", created);
      JsonOption.print(out, doc);
    } else if (!ShellCd.active(wiring.env())) {
      // without the shell function the folder is the answer; with it the shell goes there silently
      out.println(to);
    }
    out.flush();
    // made, but with commands skipped for want of approval: exit 4, like wt up
    return SetupCommand.skippedExit(wiring, setup);
  }

  private int list(SwitchUseCase.Result r) {
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, Map.of("worktrees", r.choices()));
      return 0;
    }
    Ui ui = new Ui(wiring.env());
    for (Git.WorktreeEntry w : r.choices()) {
      String name = w.branch() == null ? "(detached)" : w.branch();
      out.printf("%-30s %s%n", name + (w.main() ? " *" : ""), w.path());
    }
    out.flush();
    spec.commandLine().getErr().println(ui.dim("hint: ") + "wt switch BRANCH goes to one; wt switch - comes back");
    return 0;
  }
}
