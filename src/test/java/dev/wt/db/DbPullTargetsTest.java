package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt db pull} fills the database named, else those filled by pull, and says what it could not. */
class DbPullTargetsTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String source;

  @BeforeEach
  void aSourceDatabase() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtd" + HexFormat.of().formatHex(b);
    source = project + "_prod";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE orders(id int primary key)", "INSERT INTO orders SELECT generate_series(1, 7)");
    repo = GitRepo.create(tmp, "app");
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private Map<String, String> env(String worldSource) {
    // the pull source is the committed wt.toml's: approved for each run (WT_TRUST)
    return Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "PROD_URL", url(source), "WORLD_URL", worldSource,
        "WT_TRUST", "1");
  }

  private static String url(String database) {
    return "postgresql://postgres@127.0.0.1:5432/" + database;
  }

  private void config(String worldFill) {
    repo.write("wt.toml", "project = \"" + project + "\"\n"
        + "[databases.app]\nfill = \"pull\"\nsource_env = \"PROD_URL\"\n"
        + "[databases.world]\nfill = \"" + worldFill + "\"\nsource_env = \"WORLD_URL\"\n").commitAll("two databases");
  }

  private boolean hasOrders(String database) {
    return PG.databases().contains(database)
        && !PG.column(database, "SELECT to_regclass('orders')::text").contains(null);
  }

  @Test
  void a_pull_source_the_committed_wt_toml_names_needs_approval_the_users_own_does_not() {
    config("empty");
    Map<String, String> unapproved = new java.util.HashMap<>(env(url(source)));
    unapproved.put("WT_TRUST", "");
    unapproved.put("XDG_STATE_HOME", tmp.resolve("state").toString());
    WtRun r = WtRun.in(repo.root(), unapproved, "db", "pull").expect(4);
    assertTrue(r.err().contains("databases.app.source"), r.err());
    assertFalse(PG.databases().contains(project + "_template"), "nothing pulled from $PROD_URL unasked");
    WtRun listed = WtRun.in(repo.root(), unapproved, "trust").expect(1);
    assertTrue(listed.out().contains("$PROD_URL"), "wt trust shows which variable: " + listed.out());

    repo.write("wt.local.toml", "[databases.app]\nfill = \"pull\"\nsource_env = \"PROD_URL\"\n");
    WtRun.in(repo.root(), unapproved, "db", "pull").ok();
    assertTrue(hasOrders(project + "_template"), "the user's own file names the source: no approval needed");
  }

  @Test
  void pull_from_a_url_fills_only_the_database_filled_by_pull() {
    config("empty");
    WtRun.in(repo.root(), env(url(source)), "db", "pull", "--from", url(source)).ok();
    assertTrue(hasOrders(project + "_template"));
    assertFalse(PG.databases().contains(project + "_world_template"), "the fill = \"empty\" database got a template");
  }

  @Test
  void pull_with_db_fills_only_the_database_named() {
    config("empty");
    WtRun r = WtRun.in(repo.root(), env(url(source)), "db", "pull", "--db", "world", "--from", url(source)).ok();
    assertTrue(hasOrders(project + "_world_template"), r.err());
    assertFalse(PG.databases().contains(project + "_template"), "--db world also rebuilt app's template");
  }

  @Test
  void one_source_for_two_pulled_databases_must_name_which() {
    config("pull");
    WtRun r = WtRun.in(repo.root(), env(url(source)), "db", "pull", "--from", url(source)).expect(2);
    assertTrue(r.err().contains("--db"), r.err());
    assertFalse(PG.databases().contains(project + "_template"));
  }

  @Test
  void a_pull_that_fills_one_database_and_not_the_other_exits_4_naming_both() {
    config("pull");
    WtRun r = WtRun.in(repo.root(), env(url(project + "_typo")), "db", "pull").expect(4);
    assertTrue(hasOrders(project + "_template"));
    assertFalse(PG.databases().contains(project + "_world_template"));
    assertTrue(r.err().contains("done: " + project + "_template; not done: " + project + "_world_template"), r.err());
    assertTrue(r.out().contains("pulled into " + project + "_template"), r.out());
  }
}
