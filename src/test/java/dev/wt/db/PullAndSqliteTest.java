package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling databases by pull (pg_dump -Fd | pg_restore), and SQLite files as a second engine. */
class PullAndSqliteTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String source;
  private Map<String, String> env;

  @BeforeEach
  void sourceDatabase() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtp" + HexFormat.of().formatHex(b);
    source = project + "_prod";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE orders(id int primary key, total numeric)",
        "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 500) g");
    repo = GitRepo.create(tmp, "app");
    // the pull source is the committed wt.toml's: approved for each run (WT_TRUST)
    env = Map.of("WT_TRUST", "1", "WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(),
        "PROD_URL", "postgresql://postgres@127.0.0.1:5432/" + source);
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private String dbOf(String branch) {
    return DatabaseNames.of(project, WorktreeIdentity.derive(branch));
  }

  private int orders(String database) {
    return Integer.parseInt(PG.column(database, "SELECT count(*) FROM orders").get(0));
  }

  @Test
  void fill_pull_restores_the_source_and_skips_a_database_that_has_tables_unless_forced() {
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nfill = \"pull\"\nsource_env = \"PROD_URL\"\n")
        .commitAll("pull config");
    WtRun.in(repo.root(), env, "up", "feat/pull").ok();
    String db = dbOf("feat/pull");
    assertEquals(500, orders(db));

    PG.exec(db, "INSERT INTO orders VALUES (9999, 1)");
    Path wt = tmp.resolve("app-pull");
    WtRun again = WtRun.in(wt, env, "setup").ok();
    assertTrue(again.err().contains("pull skipped"), again.err());
    assertEquals(501, orders(db));

    WtRun.in(wt, env, "setup", "--force-db-pull").ok();
    assertEquals(500, orders(db));
    assertTrue(PG.comment(db).startsWith("wt:" + project + ":" + WorktreeIdentity.derive("feat/pull").slug() + " (repo "), PG.comment(db));
  }

  @Test
  void db_pull_into_the_template_is_what_the_next_worktree_clones() {
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("config");
    WtRun.in(repo.root(), env, "up", "feat/first").ok();
    WtRun.in(tmp.resolve("app-first"), env, "db", "pull", "--from", "postgresql://postgres@127.0.0.1:5432/" + source).ok();
    WtRun.in(repo.root(), env, "up", "feat/second").ok();
    assertEquals(500, orders(dbOf("feat/second")));
    assertTrue(PG.column(dbOf("feat/first"), "SELECT to_regclass('orders')::text").contains(null),
        "the pull went into an existing worktree's database");
  }

  @Test
  void db_pull_refuses_a_database_this_worktree_does_not_own() {
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("config");
    WtRun.in(repo.root(), env, "up", "feat/mine").ok();
    PG.exec("postgres", "COMMENT ON DATABASE \"" + dbOf("feat/mine") + "\" IS 'somebody else'");
    WtRun r = WtRun.in(tmp.resolve("app-mine"), env, "db", "pull", "--into", "worktree",
        "--from", "postgresql://postgres@127.0.0.1:5432/" + source).expect(1);
    assertTrue(r.err().contains("not marked as this worktree's"), r.err());
  }

  @Test
  void a_sqlite_database_is_a_file_per_worktree_copied_from_its_source_and_removed_on_down() throws Exception {
    repo.write("seed.sqlite", "pretend this is SQLite").write("wt.toml", """
        project = "%s"
        [postgres]
        mode = "none"
        [databases.d1]
        engine = "sqlite"
        env = "D1_DATABASE_PATH"
        path = ".wrangler/d1.sqlite"
        source_file = "seed.sqlite"
        """.formatted(project));
    // committed executable: the copy is a data file all the same (its path goes into a variable)
    assertTrue(repo.path("seed.sqlite").toFile().setExecutable(true, false));
    repo.commitAll("sqlite config");
    Map<String, String> none = Map.of();
    WtRun.in(repo.root(), none, "up", "feat/lite").ok();
    Path file = tmp.resolve("app-lite/.wrangler/d1.sqlite");
    assertEquals("pretend this is SQLite", Files.readString(file));
    assertFalse(Files.isExecutable(file) || Files.getPosixFilePermissions(file).toString().contains("EXECUTE"),
        Files.getPosixFilePermissions(file).toString());
    String envFile = Files.readString(tmp.resolve("app-lite/.env.development.local"));
    assertTrue(envFile.contains("D1_DATABASE_PATH=" + file), envFile);
    assertFalse(envFile.contains("DATABASE_URL=postgres"), envFile);
    WtRun.in(tmp.resolve("app-lite"), none, "db", "status").ok();
    WtRun.in(repo.root(), none, "down", "feat/lite").ok();
    assertFalse(Files.exists(file));
    assertEquals(List.of(), PG.databases().stream().filter(d -> d.startsWith(project + "_lite")).toList());
  }
}
