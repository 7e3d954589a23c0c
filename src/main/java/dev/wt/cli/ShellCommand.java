package dev.wt.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt shell init SHELL}: the shell function that lets wt up / wt switch change folder. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = "Shell integration (see wt shell init --help).",
    subcommands = ShellCommand.Init.class)
final class ShellCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the function and completion for one shell. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = {
        "Print a wt function and completion for SHELL, so wt up and wt switch change the shell's folder:",
        "bash: eval \"$(wt shell init bash)\" in ~/.bashrc",
        "zsh:  eval \"$(wt shell init zsh)\" in ~/.zshrc",
        "fish: wt shell init fish | source   in ~/.config/fish/config.fish",
        "The function runs the wt on PATH with WT_SHELL_CD_FILE naming a fresh temporary file, and cds to "
            + "the folder wt wrote there; it never evaluates wt's output. Completion offers subcommands, "
            + "options, and for up, switch and down the local branches and worktree branches."})
  static final class Init implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    CompletionCommand.ShellName shell;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CommandLine root = spec.root().commandLine();
      var out = spec.commandLine().getOut();
      switch (shell) {
        case bash, zsh -> {
          out.print(AutoComplete.bash("wt", root));
          out.print(ShellScripts.POSIX);
        }
        case fish -> {
          out.print(FishCompletion.script(root));
          out.print(ShellScripts.FISH);
        }
      }
      out.flush();
      return 0;
    }
  }
}
