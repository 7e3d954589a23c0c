package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.WtRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt completion bash|zsh|fish}: scripts that parse and complete wt's own commands. */
class CompletionCommandTest {

  @TempDir Path tmp;

  @Test
  void the_bash_script_parses_and_completes_subcommands_and_options() throws Exception {
    WtRun r = WtRun.in(tmp, "completion", "bash").ok();
    Path script = tmp.resolve("wt.bash");
    Files.writeString(script, r.out());
    assertEquals("", bash("-n", script.toString()), "bash -n finds no syntax error");
    String completed = bash("-c", "source " + script + " 2>/dev/null; COMP_WORDS=(wt dow); COMP_CWORD=1; _complete_wt 2>/dev/null;"
        + " echo \"${COMPREPLY[@]}\"; COMP_WORDS=(wt down --); COMP_CWORD=2; _complete_wt 2>/dev/null;"
        + " echo \"${COMPREPLY[@]}\"");
    List<String> lines = completed.lines().toList();
    assertEquals("down", lines.get(0), completed);
    assertTrue(lines.get(1).contains("--force") && lines.get(1).contains("--keep-branch"), completed);
  }

  @Test
  void the_zsh_script_is_the_bash_one_with_bashcompinit() {
    String out = WtRun.in(tmp, "completion", "zsh").ok().out();
    assertTrue(out.contains("bashcompinit"), "zsh loads bash completions through bashcompinit");
    assertTrue(out.contains("complete -F _complete_wt"), out);
  }

  @Test
  void the_fish_script_names_every_command_and_option() {
    String out = WtRun.in(tmp, "completion", "fish").ok().out();
    for (String command : List.of("up", "setup", "down", "teardown", "list", "completion")) {
      assertTrue(out.contains(" -a " + command + " "), "completes " + command + "\n" + out);
    }
    assertTrue(out.contains("'__fish_seen_subcommand_from down' -l keep-branch"), out);
    assertTrue(out.contains("'__fish_seen_subcommand_from up' -l base") && out.contains(" -r\n"), out);
  }

  @Test
  void an_unknown_shell_is_a_usage_error() {
    WtRun r = WtRun.in(tmp, "completion", "powershell").expect(2);
    assertTrue(r.err().startsWith("wt: ") && r.err().contains("bash, zsh, fish"), r.err());
    assertTrue(r.err().contains("hint: wt completion --help"), r.err());
  }

  @Test
  void completion_and_version_need_no_repository() {
    assertTrue(WtRun.in(tmp, "--version").ok().out().startsWith("wt "));
    assertTrue(WtRun.in(tmp, "completion", "--help").ok().out().contains("eval \"$(wt completion bash)\""));
  }

  private static String bash(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", "--norc", "--noprofile"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
