package dev.wt.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wt completion bash|zsh|fish}: print a shell completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for SHELL.",
      "bash: eval \"$(wt completion bash)\" in ~/.bashrc",
      "zsh:  eval \"$(wt completion zsh)\" in ~/.zshrc",
      "fish: wt completion fish > ~/.config/fish/completions/wt.fish"})
final class CompletionCommand implements Callable<Integer> {

  enum ShellName { bash, zsh, fish }

  @Parameters(index = "0", paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
  ShellName shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    var out = spec.commandLine().getOut();
    switch (shell) {
      // picocli's script sets up bashcompinit itself when sourced by zsh
      case bash, zsh -> out.print(AutoComplete.bash("wt", root));
      case fish -> out.print(FishCompletion.script(root));
    }
    out.flush();
    return 0;
  }
}
