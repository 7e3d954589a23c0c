package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt switch} and the cd file the shell function hands it. */
class SwitchCommandTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "app");
  }

  @Test
  void switch_that_makes_a_worktree_whose_commands_are_not_approved_exits_4_like_up() throws Exception {
    repo.write("wt.toml", "[setup]\ncommands = [\"touch set-up-ran\"]\n").commitAll("set-up command");
    Map<String, String> env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "");
    WtRun r = WtRun.in(repo.root(), env, "switch", "feat/untrusted").expect(4);
    Path wt = tmp.resolve("app-untrusted");
    assertTrue(Files.isDirectory(wt), "the worktree is made all the same");
    assertTrue(!Files.exists(wt.resolve("set-up-ran")), "the command did not run");
    assertTrue(r.err().contains("wt trust"), r.err());
  }

  @Test
  void without_the_shell_function_switch_prints_the_folder_it_made() throws Exception {
    WtRun r = WtRun.in(repo.root(), "switch", "feat/s").ok();
    Path wt = tmp.resolve("app-s").toRealPath();
    assertEquals(wt + "\n", r.out());
    assertEquals(wt + "\n", WtRun.in(repo.root(), "switch", "feat/s").ok().out(), "the second time it finds it");
  }

  @Test
  void with_the_shell_function_switch_and_up_write_the_folder_to_its_file_and_nothing_to_stdout() throws Exception {
    Path cd = Files.createFile(tmp.resolve("cd"));
    WtRun up = WtRun.in(repo.root(), Map.of("WT_SHELL_CD_FILE", cd.toString()), "up", "feat/u").ok();
    Path wt = tmp.resolve("app-u").toRealPath();
    assertEquals(wt.toString(), Files.readString(cd));
    assertTrue(up.out().startsWith("ready: "), up.out());
    Files.writeString(cd, "");
    WtRun sw = WtRun.in(wt, Map.of("WT_SHELL_CD_FILE", cd.toString()), "switch").ok();
    assertEquals("", sw.out());
    assertEquals(repo.root().toRealPath().toString(), Files.readString(cd), "no branch, in a linked worktree: main");
  }

  @Test
  void the_cd_file_must_be_a_regular_file_the_shell_made() throws Exception {
    Path target = tmp.resolve("elsewhere");
    Path link = Files.createSymbolicLink(tmp.resolve("cd"), target);
    WtRun.in(repo.root(), Map.of("WT_SHELL_CD_FILE", link.toString()), "switch", "feat/l").ok();
    assertTrue(Files.notExists(target), "wt writes through no link and creates no file");
  }

  @Test
  void switch_dash_needs_a_previous_folder() {
    WtRun r = WtRun.in(repo.root(), "switch", "-").expect(1);
    assertTrue(r.err().contains("wt shell init"), r.err());
  }

  @Test
  void switch_with_no_branch_in_main_lists_the_worktrees() throws Exception {
    WtRun.in(repo.root(), "up", "feat/one").ok();
    WtRun r = WtRun.in(repo.root(), "switch").ok();
    String one = tmp.resolve("app-one").toRealPath().toString();
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("main *")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("feat/one") && l.endsWith(one)), r.out());
  }
}
