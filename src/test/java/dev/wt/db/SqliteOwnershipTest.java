package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wt deletes only the SQLite files it made; another checkout's file or the user's own is never its. */
class SqliteOwnershipTest {

  private static final Map<String, String> ENV = Map.of();

  @TempDir Path tmp;
  private GitRepo repo;
  private Path wt;

  @BeforeEach
  void aRepositoryWithASqliteDatabaseUnderState() {
    repo = GitRepo.create(tmp, "app");
    repo.write(".gitignore", "state/\n").write("wt.toml", """
        [postgres]
        mode = "none"
        [databases.d1]
        engine = "sqlite"
        path = "state/d1.sqlite"
        env = "D1_DATABASE_PATH"
        """).commitAll("sqlite config");
    wt = tmp.resolve("wt");
    repo.git("worktree", "add", "-q", wt.toString(), "-b", "feat/x");
  }

  @Test
  void a_state_folder_linked_to_the_main_checkout_is_refused_and_mains_database_survives() throws Exception {
    Path mainDb = repo.write("state/d1.sqlite", "main's data").path("state/d1.sqlite");
    Files.createSymbolicLink(wt.resolve("state"), Path.of("..", "app", "state"));
    WtRun r = WtRun.in(wt, ENV, "setup").expect(1);
    assertTrue(r.err().contains("outside the worktree"), r.err());
    assertFalse(Files.exists(wt.resolve(".env.development.local"))
        && Files.readString(wt.resolve(".env.development.local")).contains("D1_DATABASE_PATH"),
        "the worktree was pointed at main's database");
    WtRun.in(wt, ENV, "teardown").ok();
    assertEquals("main's data", Files.readString(mainDb));
  }

  @Test
  void a_file_that_was_there_before_setup_is_used_and_kept_at_teardown() throws Exception {
    Files.createDirectories(wt.resolve("state"));
    Path file = Files.writeString(wt.resolve("state/d1.sqlite"), "the user's data");
    WtRun r = WtRun.in(wt, ENV, "setup").ok();
    assertTrue(r.err().contains("kept at teardown"), r.err());
    WtRun down = WtRun.in(wt, ENV, "teardown").ok();
    assertTrue(down.err().contains("kept, wt did not make it"), down.err());
    assertEquals("the user's data", Files.readString(file));
  }

  @Test
  void a_file_wt_made_is_removed_at_teardown_also_from_a_record_written_before_ownership_was_kept()
      throws Exception {
    WtRun.in(wt, ENV, "setup").ok();
    Path file = wt.resolve("state/d1.sqlite");
    assertTrue(Files.exists(file));
    // an older wt wrote no "file" entry: the record must still load and the file still go
    Path records = repo.root().resolve(".git/wt/worktrees");
    try (Stream<Path> all = Files.list(records)) {
      for (Path json : all.toList()) {
        String text = Files.readString(json);
        String legacy = text.replaceAll(",\\s*\"file\"\\s*:\\s*\\{[^}]*\\}", "");
        assertFalse(legacy.contains("madeByWt"), legacy);
        Files.writeString(json, legacy);
      }
    }
    WtRun.in(wt, ENV, "teardown").ok();
    assertFalse(Files.exists(file));
  }

  @Test
  void a_file_wt_made_and_then_replaced_by_another_is_kept() throws Exception {
    WtRun.in(wt, ENV, "setup").ok();
    Path file = wt.resolve("state/d1.sqlite");
    Path other = Files.writeString(wt.resolve("state/restored.sqlite"), "a restored backup");
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    WtRun.in(wt, ENV, "teardown").ok();
    assertEquals("a restored backup", Files.readString(file));
  }
}
