package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt shell init} in real interactive bash, zsh and fish: wt up / wt switch move the shell. */
class ShellIntegrationIT {

  @TempDir Path tmp;
  private GitRepo repo;
  private Path bin;

  @BeforeEach
  void repository() throws Exception {
    repo = GitRepo.create(tmp, "app");
    repo.branchWithCommit("feat/old", "old.txt", "old\n");
    bin = Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(bin.resolve("wt"), "#!/bin/sh\nexec '" + WtBinary.path() + "' \"$@\"\n");
    bin.resolve("wt").toFile().setExecutable(true);
  }

  private static void need(String shell) {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + shell)) || Files.isExecutable(Path.of("/bin/" + shell)),
        shell + " is not installed (apt-get install " + shell + ")");
  }

  private List<String> run(String shell, String script) throws Exception {
    List<String> cmd = switch (shell) {
      case "bash" -> List.of("bash", "--norc", "--noprofile", "-i", "-c", script);
      case "zsh" -> List.of("zsh", "-f", "-i", "-c", script);
      default -> List.of("fish", "--no-config", "-i", "-c", script);
    };
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.root().toFile())
        .redirectError(tmp.resolve(shell + ".err").toFile());
    Map<String, String> env = new HashMap<>(pb.environment());
    pb.environment().put("PATH", bin + ":" + env.get("PATH"));
    pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
    pb.environment().put("WT_PG_MODE", "none");
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the shell finished");
    List<String> marked = new ArrayList<>();
    out.lines().filter(l -> l.startsWith("@")).forEach(marked::add);
    assertEquals(0, p.exitValue(), out + Files.readString(tmp.resolve(shell + ".err")));
    return marked;
  }

  private static String init(String shell) {
    return shell.equals("fish") ? "wt shell init fish | source" : "eval \"$(wt shell init " + shell + ")\"";
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh", "fish"})
  void up_and_switch_change_the_shells_folder_and_switch_dash_comes_back(String shell) throws Exception {
    need(shell);
    String sep = shell.equals("fish") ? "; and " : " && ";
    String script = String.join(sep,
        init(shell),
        "wt up feat/a >/dev/null 2>&1", "echo @$PWD",
        "wt switch - 2>/dev/null", "echo @$PWD",
        "wt switch feat/old >/dev/null 2>&1", "echo @$PWD",
        "wt switch feat/a 2>/dev/null", "echo @$PWD",
        "wt switch 2>/dev/null", "echo @$PWD",
        "wt switch 2>/dev/null | sed 's/^/@list /'");
    List<String> seen = run(shell, script);
    Path main = repo.root().toRealPath();
    Path a = tmp.resolve("app-a").toRealPath();
    Path old = tmp.resolve("app-old").toRealPath();
    assertEquals("@" + a, seen.get(0), "wt up went into the new worktree");
    assertEquals("@" + main, seen.get(1), "wt switch - came back");
    assertEquals("@" + old, seen.get(2), "switch made the missing worktree of an existing branch");
    assertEquals("@" + a, seen.get(3), "switch went to an existing worktree");
    assertEquals("@" + main, seen.get(4), "switch with no branch in a linked worktree goes to main");
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("@list feat/a") && l.endsWith(a.toString())), seen.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh", "fish"})
  void completion_offers_branches_and_worktree_branches_for_switch_and_subcommands_otherwise(String shell)
      throws Exception {
    need(shell);
    repo.git("branch", "feat/other");
    String probe = switch (shell) {
      case "fish" -> "complete -C 'wt switch feat/' | sed 's/^/@/'; and complete -C 'wt sw' | sed 's/^/@sub /'";
      case "zsh" -> "setopt ksharrays; COMP_WORDS=(wt switch feat/); COMP_CWORD=2; _wt_shell_complete;"
          + " printf '@%s\\n' \"${COMPREPLY[@]}\"; COMP_WORDS=(wt sw); COMP_CWORD=1; _wt_shell_complete;"
          + " printf '@sub %s\\n' \"${COMPREPLY[@]}\"";
      default -> "COMP_WORDS=(wt switch feat/); COMP_CWORD=2; _wt_shell_complete;"
          + " printf '@%s\\n' \"${COMPREPLY[@]}\"; COMP_WORDS=(wt sw); COMP_CWORD=1; _wt_shell_complete;"
          + " printf '@sub %s\\n' \"${COMPREPLY[@]}\"";
    };
    String sep = shell.equals("fish") ? "; and " : " && ";
    List<String> seen = run(shell, init(shell) + sep + probe);
    List<String> branches = seen.stream().filter(l -> !l.startsWith("@sub")).map(l -> l.substring(1).split("\t")[0]).toList();
    assertEquals(List.of("feat/old", "feat/other"), branches, seen.toString());
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("@sub switch")), seen.toString());
  }
}
