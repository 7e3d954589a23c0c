package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and paths with ESC, CR and BS never reach the terminal raw; JSON stays valid JSON. */
class HostileOutputTest {

  // ESC ] 0 ; retitles the window, ESC [ 2 J clears it, CR and BS overwrite what was printed
  private static final String HOSTILE = "x\u001b]0;pwned\u0007\u001b[2J\r\bok\u007f";
  // a C1 CSI too, where no file name needs it (the JVM may not encode non-ASCII file names here)
  private static final String C1 = "\u009b31m";

  @TempDir Path tmp;

  @Test
  void a_hostile_branch_name_is_echoed_escaped_on_one_line() {
    GitRepo repo = GitRepo.create(tmp, "demo");
    WtRun r = WtRun.in(repo.root(), "up", "--", "feat/" + HOSTILE + C1 + "\nwt: fake second error").expect(1);
    assertRefusal(r, "is not a valid branch name", "git check-ref-format");
    assertClean(r);
    assertTrue(r.err().contains("feat/x\\e]0;pwned\\a\\e[2J\\r\\bok\\x7f\\u009b31m\\nwt: fake second error"), r.err());
    assertEquals(2, r.err().lines().count(), "the newline did not make a second error line\n" + r.err());
  }

  @Test
  void a_hostile_folder_name_is_escaped_in_human_output_and_exact_in_json() {
    // no CR here: wt reads git's output line by line, and a CR in the repository's path ends a line
    GitRepo repo = GitRepo.create(tmp, "demo" + HOSTILE.replace("\r", ""));
    WtRun up = WtRun.in(repo.root(), "up", "feat/x").ok();
    assertClean(up);
    assertTrue(up.out().contains("demox\\e]0;pwned"), up.out());

    WtRun list = WtRun.in(repo.root(), "list").ok();
    assertClean(list);
    assertTrue(list.out().contains("\\e[2J\\bok"), list.out());

    WtRun listJson = WtRun.in(repo.root(), "list", "--json").ok();
    assertFalse(listJson.out().chars().anyMatch(c -> c == 0x1b || c == '\r' || c == '\b' || c == 0x7f),
        "JSON escapes control characters itself, DEL and C1 too\n" + listJson.out());
    JsonNode parsed = json(listJson);
    assertTrue(parsed.toString().contains("x\\u001B]0;pwned") || parsed.findValuesAsText("path").stream()
        .anyMatch(p -> p.contains(HOSTILE.replace("\r", ""))), "the real path comes back from the JSON\n" + listJson.out());

    WtRun down = WtRun.in(repo.root(), "down", "feat/x").ok();
    assertClean(down);
  }

  @Test
  void a_hostile_directory_given_with_dash_C_is_escaped_in_the_error() {
    WtRun r = WtRun.in(tmp, "-C", tmp.resolve("no" + HOSTILE).toString(), "list").expect(2);
    assertClean(r);
    assertTrue(r.err().startsWith("wt: "), r.err());
  }

  @Test
  void json_escapes_del_and_c1_too_and_reads_back_exactly() throws Exception {
    java.io.StringWriter sw = new java.io.StringWriter();
    String name = "feat/" + HOSTILE + C1;
    JsonOption.print(SafeOutput.wrap(new java.io.PrintWriter(sw), false), java.util.Map.of("branch", name));
    assertFalse(sw.toString().chars().anyMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f), sw.toString());
    assertEquals(name, new com.fasterxml.jackson.databind.ObjectMapper().readTree(sw.toString()).get("branch").asText());
  }

  @Test
  void on_a_colour_terminal_only_wts_own_colours_pass() {
    Ui ui = new Ui(new CliEnv(tmp, java.util.Map.of(), new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), true));
    String line = ui.red("wt: ") + "feat/" + HOSTILE + ui.bold("x");
    assertEquals("\u001b[31mwt: \u001b[0mfeat/x\\e]0;pwned\\a\\e[2J\\r\\bok\\x7f\u001b[1mx\u001b[0m",
        SafeOutput.clean(line, true));
  }

  private static void assertClean(WtRun r) {
    for (String stream : new String[] {r.out(), r.err()}) {
      assertFalse(stream.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)),
          "no raw control character\n--- stdout ---\n" + r.out() + "--- stderr ---\n" + r.err());
    }
  }
}
