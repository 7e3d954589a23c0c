package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.deleteRecursively;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt teardown}: releases what wt made, keeps the worktree, works with the folder gone, twice. */
class TeardownCommandTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path wt;

  @BeforeEach
  void provisionedWorktree() throws Exception {
    repo = GitRepo.create(tmp, "demo");
    repo.write("wt.toml", """
        [files]
        symlink = [".env.local"]
        copy = ["config/dev.json"]
        [browser_session]
        file = "agent-browser.json"
        """).write(".gitignore", ".env.local\nconfig/dev.json\n").commitAll("cfg");
    repo.write(".env.local", "S=1\n").write("config/dev.json", "{}\n");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    wt = tmp.resolve("demo-x").toRealPath();
  }

  @Test
  void teardown_inside_a_worktree_removes_wts_files_and_state_but_keeps_the_worktree() throws Exception {
    WtRun r = WtRun.in(wt, "teardown").ok();
    assertEquals(List.of("torn down: " + wt + " (x_d6e256)"), r.out().lines().toList());
    assertFalse(Files.exists(wt.resolve(".env.development.local")));
    assertFalse(Files.exists(wt.resolve("agent-browser.json")));
    assertFalse(Files.exists(wt.resolve(".env.local"), LinkOption.NOFOLLOW_LINKS), "the link to main goes");
    assertEquals("S=1\n", Files.readString(repo.path(".env.local")), "its target stays");
    assertTrue(Files.exists(wt.resolve("config/dev.json")), "copies may hold the user's edits: kept");
    assertTrue(repo.worktrees().contains(wt));
    assertTrue(repo.hasBranch("feat/x"));
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/x_d6e256.json")));
    assertFalse(Files.exists(repo.path(".git/worktrees/demo-x/wt-slug")), "the slug marker goes too");
  }

  @Test
  void teardown_keeps_a_generated_file_the_user_edited() throws Exception {
    Files.writeString(wt.resolve("agent-browser.json"), "{\"mine\": true}\n");
    WtRun.in(wt, "teardown").ok();
    assertEquals("{\"mine\": true}\n", Files.readString(wt.resolve("agent-browser.json")));
  }

  @Test
  void teardown_twice_says_there_is_nothing_left() {
    WtRun.in(wt, "teardown").ok();
    WtRun again = WtRun.in(wt, "teardown").ok();
    assertTrue(again.out().startsWith("nothing to tear down: " + wt), again.out());
  }

  @Test
  void teardown_works_when_the_folder_is_already_gone_and_twice() throws Exception {
    deleteRecursively(wt);
    WtRun r = WtRun.in(repo.root(), "teardown", wt.toString()).ok();
    assertTrue(r.out().startsWith("torn down: " + wt + " (x_d6e256)"), r.out());
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/x_d6e256.json")));
    WtRun again = WtRun.in(repo.root(), "teardown", wt.toString()).ok();
    assertTrue(again.out().startsWith("nothing to tear down"), again.out());
  }

  @Test
  void teardown_accepts_a_relative_path_and_json() throws Exception {
    JsonNode r = json(WtRun.in(repo.root(), "teardown", "../demo-x", "--json").ok());
    assertEquals("x_d6e256", r.get("slug").asText());
    assertEquals(wt.toString(), r.get("path").asText());
    assertTrue(r.get("released").toString().contains(".env.development.local"), r.toString());
  }

  @Test
  void teardown_of_a_worktree_wt_did_not_provision_is_a_no_op() throws Exception {
    Path hand = tmp.resolve("hand");
    repo.git("worktree", "add", "-q", "-b", "feat/hand", hand.toString());
    Files.writeString(hand.resolve("keep.txt"), "x\n");
    WtRun r = WtRun.in(hand, "teardown").ok();
    assertTrue(r.out().startsWith("nothing to tear down: " + hand.toRealPath()), r.out());
    assertTrue(Files.exists(hand.resolve("keep.txt")));
  }

  @Test
  void teardown_refuses_the_main_worktree() {
    WtRun r = WtRun.in(repo.root(), "teardown").expect(1);
    assertRefusal(r, "the main worktree has nothing to tear down", "linked worktree");
  }

  @Test
  void setup_after_teardown_provisions_again_with_the_same_identity() throws Exception {
    WtRun.in(wt, "teardown").ok();
    WtRun r = WtRun.in(wt, "setup").ok();
    assertTrue(r.out().startsWith("set up: " + wt + " (x_d6e256)"), r.out());
    assertTrue(Files.exists(wt.resolve(".env.development.local")));
  }

  @Test
  void teardown_of_a_gone_folder_named_through_a_symlinked_parent_finds_its_record() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    WtRun.in(repo.root(), "up", "feat/y", "--dir", link.resolve("y").toString()).ok();
    deleteRecursively(real.resolve("y"));
    WtRun r = WtRun.in(repo.root(), "teardown", link.resolve("y").toString()).ok();
    assertTrue(r.out().startsWith("torn down: "), r.out());
  }
}
