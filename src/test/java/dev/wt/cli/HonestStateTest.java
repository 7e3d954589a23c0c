package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wt says what is really there: a worktree made with {@code --no-setup} is not set up, a
 * {@code wt.toml} that is not a file is an error, a bare repository is named as one.
 */
class HonestStateTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    repo.write("wt.toml", "[env.vars]\nAPP_URL = \"${WT_URL}\"\n").commitAll("wt config");
  }

  @Test
  void a_worktree_made_with_no_setup_is_shown_and_refused_as_not_set_up_until_wt_setup() {
    WtRun up = WtRun.in(repo.root(), "up", "feat/n", "--no-setup").ok();
    Path wt = tmp.resolve("demo-n");
    assertTrue(up.out().startsWith("created, not set up yet: " + wt), up.out());
    assertFalse(up.out().contains("ready:"), up.out());
    assertFalse(json(WtRun.in(repo.root(), "up", "feat/n", "--no-setup", "--json").ok()).get("setUp").asBoolean());

    JsonNode row = json(WtRun.in(repo.root(), "list", "--json").ok()).get("worktrees").get(1);
    assertTrue(row.get("provisioned").asBoolean(), row.toString());
    assertFalse(row.get("setUp").asBoolean(), row.toString());
    assertTrue(WtRun.in(repo.root(), "list").ok().out().lines()
        .anyMatch(l -> l.startsWith("feat/n") && l.contains("not set up")));

    for (String[] command : new String[][] {{"env"}, {"run", "--", "true"}, {"db", "status"}}) {
      WtRun refused = WtRun.in(wt, command).expect(1);
      assertRefusal(refused, "worktree " + wt + " is not set up yet", "run `wt setup` in it");
    }

    WtRun.in(wt, "setup").ok();
    assertTrue(json(WtRun.in(repo.root(), "list", "--json").ok()).get("worktrees").get(1).get("setUp").asBoolean());
    assertTrue(WtRun.in(wt, "env").ok().out().contains("APP_URL="));
    assertTrue(json(WtRun.in(repo.root(), "up", "feat/n", "--json").ok()).get("setUp").asBoolean());
  }

  @Test
  void a_wt_toml_that_is_a_folder_is_an_error() throws Exception {
    repo.git("rm", "-q", "wt.toml");
    Files.createDirectories(repo.path("wt.toml"));
    assertRefusal(WtRun.in(repo.root(), "up", "feat/x").expect(1),
        repo.path("wt.toml") + " is not a regular file (a folder)", "make wt.toml a TOML file");
    assertEquals(1, repo.worktrees().size());
  }

  @Test
  void a_wt_toml_that_is_a_fifo_is_an_error_and_is_never_read() throws Exception {
    repo.git("rm", "-q", "wt.toml");
    Process mk = new ProcessBuilder("mkfifo", repo.path("wt.toml").toString()).start();
    assertEquals(0, mk.waitFor());
    assertRefusal(WtRun.in(repo.root(), "list").expect(1),
        repo.path("wt.toml") + " is not a regular file (a device or FIFO)", "make wt.toml a TOML file");
  }

  @Test
  void a_wt_toml_linked_to_dev_zero_is_an_error() throws Exception {
    repo.git("rm", "-q", "wt.toml");
    Files.createSymbolicLink(repo.path("wt.toml"), Path.of("/dev/zero"));
    assertRefusal(WtRun.in(repo.root(), "list").expect(1),
        repo.path("wt.toml") + " is not a regular file (a symlink to a device or FIFO)", "make wt.toml a TOML file");
  }

  @Test
  void a_byte_order_mark_at_the_start_of_wt_toml_is_accepted() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "project = \"bommed\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(text, 0, all, bom.length, text.length);
    Files.write(repo.path("wt.toml"), all);
    repo.commitAll("bom");
    WtRun.in(repo.root(), "up", "feat/b").ok();
    assertTrue(Files.readString(tmp.resolve("demo-b/.env.development.local")).contains("WT_PROJECT=bommed"));
  }

  @Test
  void a_bare_repository_is_named_as_one() {
    Path bare = GitRepo.bareOrigin(tmp, "origin.git", repo);
    WtRun r = WtRun.in(bare, Map.of(), "up", "feat/x").expect(3);
    assertRefusal(r, "wt needs a work tree: " + bare + " is a bare repository", "git clone " + bare);
    assertFalse(r.err().contains("not a git repository"), r.err());
  }
}
