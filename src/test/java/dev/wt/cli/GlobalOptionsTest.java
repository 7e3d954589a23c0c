package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ExitCode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command shares: help, version, exit codes, usage errors, colour. */
class GlobalOptionsTest {

  @TempDir Path tmp;

  @Test
  void help_lists_every_exit_code_with_its_meaning_within_80_columns() {
    String help = WtRun.in(tmp, "--help").ok().out();
    String flat = help.replaceAll("\\s+", " ");
    for (ExitCode c : ExitCode.values()) {
      assertTrue(flat.contains(" " + c.code() + " " + c.meaning()), "--help explains exit code " + c + "\n" + help);
    }
    List<String> footer = help.lines().dropWhile(l -> !l.equals("Exit codes:")).skip(1).toList();
    assertEquals(ExitCode.values().length + 2, footer.size(), help);
    for (String line : footer) {
      assertTrue(line.startsWith("  ") && line.length() <= 80, "an indented footer line: '" + line + "'");
    }
  }

  @Test
  void dash_c_to_a_folder_that_does_not_exist_is_a_usage_error() {
    WtRun r = WtRun.in(tmp, "-C", "no/such/dir", "list").expect(2);
    dev.wt.testing.Checks.assertRefusal(r, "-C no/such/dir: no such directory", "git repository");
  }

  @Test
  void every_command_has_help() {
    for (String command : List.of("up", "setup", "down", "teardown", "list", "completion")) {
      String out = WtRun.in(tmp, command, "--help").ok().out();
      assertTrue(out.startsWith("Usage: wt " + command), out);
    }
  }

  @Test
  void an_unknown_command_or_option_is_a_usage_error_with_a_hint() {
    WtRun r = WtRun.in(tmp, "frobnicate").expect(2);
    assertTrue(r.err().startsWith("wt: ") && r.err().contains("'frobnicate'"), r.err());
    assertTrue(r.err().contains("hint: wt --help shows the usage"), r.err());
    WtRun missing = WtRun.in(tmp, "up").expect(2);
    assertTrue(missing.err().contains("Missing required parameter: 'BRANCH'"), missing.err());
    assertTrue(missing.err().contains("hint: wt up --help"), missing.err());
    WtRun option = WtRun.in(tmp, "list", "--jsn").expect(2);
    assertTrue(option.err().contains("--jsn"), option.err());
  }

  @Test
  void version_prints_one_line() {
    WtRun r = WtRun.in(tmp, "--version").ok();
    assertTrue(r.out().matches("wt \\S+\n"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void colour_only_on_a_terminal_and_never_with_no_color() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(TestHome.env());
    env.remove("NO_COLOR");
    env.put("TERM", "xterm-256color");
    assertTrue(run(repo.root(), env, true, "down", "feat/x").contains("\u001b[32m+ \u001b[0m"), "green on a terminal");

    WtRun.in(repo.root(), "up", "feat/x").ok();
    env.put("NO_COLOR", "1");
    assertFalse(run(repo.root(), env, true, "down", "feat/x").contains("\u001b["), "NO_COLOR wins over a terminal");
  }

  private static String run(Path cwd, Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new CliEnv(cwd, env, new PrintWriter(out, true), new PrintWriter(err, true), terminal), args);
    assertEquals(0, code, err.toString());
    return out + err.toString();
  }
}
