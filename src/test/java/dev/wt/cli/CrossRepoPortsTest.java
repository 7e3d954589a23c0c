package dev.wt.cli;

import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two repositories of one user never hand out the same port, even with no server running yet. */
class CrossRepoPortsTest {

  @TempDir Path tmp;

  @Test
  void the_same_branch_in_two_repositories_gets_two_port_blocks_and_a_released_block_is_reused() throws Exception {
    Map<String, String> env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString());
    GitRepo web = GitRepo.create(Files.createDirectories(tmp.resolve("a")), "shop");
    GitRepo api = GitRepo.create(Files.createDirectories(tmp.resolve("b")), "shop");

    String first = json(WtRun.in(web.root(), env, "up", "feat/same", "--json").ok()).at("/record/ports").toString();
    String second = json(WtRun.in(api.root(), env, "up", "feat/same", "--json").ok()).at("/record/ports").toString();
    assertNotEquals(first, second, "same slug, same preferred block: the second repository must move aside");

    WtRun.in(web.root(), env, "down", "feat/same").ok();
    WtRun.in(api.root(), env, "down", "feat/same").ok();
    String again = json(WtRun.in(api.root(), env, "up", "feat/same", "--json").ok()).at("/record/ports").toString();
    assertEquals(first, again, "released claims free the preferred block again");
  }
}
