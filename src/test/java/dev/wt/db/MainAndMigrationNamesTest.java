package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt db status|psql|migrate} in the main worktree act on main's own databases, and the last
 * migration is shown by its readable name (drizzle's journal tag, SQLite tables of drizzle and D1).
 */
class MainAndMigrationNamesTest {

  private static final Pg PG = Pg.local();
  private static final String JOURNAL = """
      {"version":"7","dialect":"postgresql","entries":[
        {"idx":0,"version":"7","when":1700000000000,"tag":"0000_lonely_hulk","breakpoints":true},
        {"idx":1,"version":"7","when":1700000500000,"tag":"0001_add_orders","breakpoints":true}]}
      """;

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repository() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtm" + HexFormat.of().formatHex(b);
    repo = GitRepo.create(tmp, "shop");
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "WT_TRUST", "1");
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private void drizzleApplied(String database, String hash, long createdAt) {
    PG.exec(database, "CREATE SCHEMA IF NOT EXISTS drizzle",
        "CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)",
        "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('" + hash + "', " + createdAt + ")");
  }

  @Test
  void in_the_main_worktree_status_psql_and_migrate_act_on_mains_own_database() throws Exception {
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nmigrate = \"echo ran in $(pwd) > migrated.txt\"\n")
        .write("drizzle/meta/_journal.json", JOURNAL)
        .commitAll("config");
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    drizzleApplied(project, "a".repeat(64), 1700000500000L);

    WtRun status = WtRun.in(repo.root(), env, "db", "status").ok();
    assertTrue(status.out().contains("main worktree " + repo.root()), status.out());
    assertTrue(status.out().contains(project), status.out());
    assertTrue(status.out().contains("drizzle: 0001_add_orders"), status.out());
    assertFalse(status.out().contains("aaaaaaaa"), "the hash, not the tag: " + status.out());
    assertTrue(WtRun.in(repo.root(), env, "db", "status", "--json").ok().out().contains("\"main\" : true"));

    WtRun.in(repo.root(), env, "db", "psql", "--", "-q", "-c", "CREATE TABLE made_in_main (id int)").ok();
    assertEquals("made_in_main", PG.column(project, "SELECT to_regclass('made_in_main')::text").get(0));

    WtRun migrate = WtRun.in(repo.root(), env, "db", "migrate").ok();
    assertTrue(migrate.err().contains("main worktree"), migrate.err());
    assertEquals("ran in " + repo.root(), Files.readString(repo.path("migrated.txt")).strip());
  }

  @Test
  void a_worktree_shows_drizzles_tag_matched_by_the_sql_files_hash_when_created_at_differs() {
    String sql = "CREATE TABLE orders (id int);\n";
    repo.write("wt.toml", "project = \"" + project + "\"\n")
        .write("db/migrations/meta/_journal.json", JOURNAL)
        .write("db/migrations/0000_lonely_hulk.sql", "CREATE TABLE users (id int);\n")
        .write("db/migrations/0001_add_orders.sql", sql)
        .commitAll("config");
    WtRun.in(repo.root(), env, "up", "feat/tags").ok();
    String db = PG.databases().stream().filter(n -> n.startsWith(project + "_tags")).findFirst().orElseThrow();
    drizzleApplied(db, sha256(sql), 42L);
    WtRun status = WtRun.in(tmp.resolve("shop-tags"), env, "db", "status").ok();
    assertTrue(status.out().contains("drizzle: 0001_add_orders"), status.out());
    WtRun.in(repo.root(), env, "down", "--force", "feat/tags").ok();
  }

  @Test
  void a_sqlite_database_shows_the_last_d1_migration_in_a_worktree_and_in_main() throws Exception {
    Needs.sqlite3();
    repo.write("wt.toml", """
        project = "%s"
        [postgres]
        mode = "none"
        [databases.d1]
        engine = "sqlite"
        path = "d1.sqlite"
        """.formatted(project)).commitAll("sqlite config");
    WtRun.in(repo.root(), Map.of(), "up", "feat/lite").ok();
    Path wt = tmp.resolve("shop-lite");
    sqlite(wt.resolve("d1.sqlite"), "CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, "
        + "applied_at TIMESTAMP); INSERT INTO d1_migrations (name) VALUES ('0001_init.sql'), ('0002_users.sql');");
    WtRun status = WtRun.in(wt, Map.of(), "db", "status").ok();
    assertTrue(status.out().contains("d1: 0002_users.sql"), status.out());

    sqlite(repo.path("d1.sqlite"), "CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash text NOT NULL, "
        + "created_at numeric); INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 1700000000000);");
    repo.write("drizzle/meta/_journal.json", JOURNAL);
    WtRun main = WtRun.in(repo.root(), Map.of(), "db", "status").ok();
    assertTrue(main.out().contains("drizzle: 0000_lonely_hulk"), main.out());
    WtRun.in(repo.root(), Map.of(), "down", "--force", "feat/lite").ok();
  }

  private static void sqlite(Path file, String sql) throws Exception {
    Process p = new ProcessBuilder("sqlite3", file.toString(), sql).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sqlite3 timed out");
    assertEquals(0, p.exitValue(), out);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
