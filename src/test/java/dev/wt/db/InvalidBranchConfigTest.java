package dev.wt.db;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.core.DatabaseNames;
import dev.wt.core.StateLayout;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.Checks;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch whose committed wt.toml cannot be read: {@code wt up} makes the worktree, then stops
 * (exit 4) naming the file, having dropped the databases it made beside the checkout from the main
 * checkout's configuration, and only those; once the file is fixed, {@code wt up} finishes.
 */
class InvalidBranchConfigTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String config;
  private Map<String, String> env;

  @BeforeEach
  void repository() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    // a state folder of its own: gc sees no port claims other tests left
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "XDG_STATE_HOME", tmp.resolve("state").toString());
    Random random = new Random();
    project = "wtbad" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repo = GitRepo.create(tmp, "app");
    // fill = "empty": made while git checks the worktree out, from this configuration
    config = "project = \"" + project + "\"\n[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n";
    repo.write("wt.toml", config).commitAll("databases");
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an unknown key|feat/typo|fil = \"x\"\\n|unknown key 'databases.app.fil' in",
      "a syntax error|feat/syntax|[databases.app\\n|invalid TOML in"})
  void up_stops_with_exit_4_naming_the_file_and_drops_the_databases_it_made_early(String what, String branch,
      String bad, String says) throws Exception {
    repo.git("checkout", "-q", "-b", branch);
    repo.write("wt.toml", config + bad.replace("\\n", "\n")).commitAll("the branch breaks its wt.toml: " + what);
    repo.git("checkout", "-q", "main");
    Path worktree = tmp.resolve("app-" + branch.substring(branch.indexOf('/') + 1));

    WtRun up = WtRun.in(repo.root(), env, "up", branch).expect(4);

    assertRefusal(up, "is created, but its setup stopped: " + says + " " + worktree.toRealPath().resolve("wt.toml"),
        "edit it in " + worktree.toRealPath() + ", then run wt up " + branch + " again to finish");
    String db = DatabaseNames.of(project, WorktreeIdentity.derive(branch));
    assertTrue(up.err().contains("database " + db + ": created empty"), "made beside the checkout\n" + up.err());
    assertFalse(PG.databases().contains(db), "and dropped again\n" + up.err());
    String record = Files.readString(StateLayout.record(repo.root().resolve(".git"), WorktreeIdentity.derive(branch).slug()));
    assertFalse(record.contains(db), record);
    JsonNode counts = Checks.json(WtRun.in(repo.root(), env, "gc", "--json").ok()).get("counts");
    counts.fields().forEachRemaining(c -> assertEquals(0, c.getValue().asInt(), counts.toString()));

    Files.writeString(worktree.resolve("wt.toml"), config);
    WtRun again = WtRun.in(repo.root(), env, "up", branch).ok();
    assertTrue(PG.databases().contains(db), again.err());
    WtRun.in(repo.root(), env, "down", "--force", branch).ok();
    assertFalse(PG.databases().contains(db));
  }

  @Test
  void a_database_up_found_already_made_keeps_its_data() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/kept").ok();
    String db = DatabaseNames.of(project, WorktreeIdentity.derive("feat/kept"));
    PG.exec(db, "CREATE TABLE keepme(x int)", "INSERT INTO keepme VALUES (7)");
    Path worktree = tmp.resolve("app-kept");
    Files.writeString(worktree.resolve("wt.toml"), "[databases.app\n");
    GitRepo.gitIn(worktree, "commit", "-qam", "broken wt.toml");
    // the folder goes behind wt's back; the record and the database stay, and up makes the worktree again
    Checks.deleteRecursively(worktree);

    WtRun up = WtRun.in(repo.root(), env, "up", "feat/kept").expect(4);

    assertTrue(up.err().contains("invalid TOML in "), up.err());
    assertEquals(List.of("7"), PG.column(db, "SELECT x FROM keepme"), "up did not make it: not up's to drop\n" + up.err());
  }
}
