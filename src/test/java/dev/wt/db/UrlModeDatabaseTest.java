package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Databases per worktree on an existing server ({@code [postgres] mode = "url"}): the machine's 127.0.0.1:5432. */
class UrlModeDatabaseTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    project = "wtt" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(), (byte) new Random().nextInt(),
        (byte) new Random().nextInt()});
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl());
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

  private Path worktree(String name) {
    return tmp.resolve("app-" + name);
  }

  @Test
  void databases_made_during_the_checkout_follow_the_new_worktrees_own_configuration() {
    // up makes the databases of the configuration where it runs while git checks out the base,
    // whose wt.toml names others: those are dropped, the base's are made
    repo.git("checkout", "-q", "-b", "cfg");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n"
        + "prefix = \"" + project + "_other\"\n").commitAll("other prefix");
    repo.git("checkout", "-q", "main");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n")
        .commitAll("databases");
    WtRun up = WtRun.in(repo.root(), env, "up", "--base", "cfg", "feat/early").ok();
    TreeSet<String> ours = new TreeSet<>(PG.databases().stream().filter(d -> d.startsWith(project)).toList());
    assertEquals(1, ours.size(), ours + "\n" + up.err());
    assertTrue(ours.first().startsWith(project + "_other"), ours.toString());
    WtRun.in(repo.root(), env, "down", "feat/early").ok();
    assertTrue(PG.databases().stream().noneMatch(d -> d.startsWith(project)), PG.databases().toString());
  }

  @Test
  void down_in_main_drops_the_database_of_a_worktree_whose_branch_names_another_project() {
    String other = project + "b";
    repo.branchWithCommit("feat/other", "wt.toml", "project = \"" + other + "\"\n");
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    WtRun.in(repo.root(), env, "up", "feat/other").ok();
    String db = DatabaseNames.of(other, WorktreeIdentity.derive("feat/other"));
    assertTrue(PG.databases().contains(db), PG.databases().toString());

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/other").ok();

    assertFalse(PG.databases().contains(db), "the worktree's database was left\n" + down.err());
    assertTrue(PG.databases().contains(dbOf("feat/keep")));
  }

  @Test
  void finishing_a_worktree_whose_branch_names_its_database_differently_keeps_the_data_in_it() throws Exception {
    // the branch's wt.toml gives the same database another variable: still the same database
    repo.git("checkout", "-q", "-b", "feat/keep");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nenv = \"DB_URL\"\nfill = \"empty\"\n")
        .commitAll("branch config");
    repo.git("checkout", "-q", "main");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n"
        + "[databases.cache]\nenv = \"CACHE_URL\"\nfill = \"empty\"\n").commitAll("main config");
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    String db = PG.databases().stream().filter(d -> d.startsWith(project + "_keep")).findFirst().orElseThrow();
    PG.exec(db, "CREATE TABLE keepme(x int)", "INSERT INTO keepme VALUES (7)");
    // the folder goes behind wt's back; the record stays, and up makes the worktree again
    try (var walk = java.nio.file.Files.walk(worktree("keep"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    repo.git("worktree", "prune");

    WtRun again = WtRun.in(repo.root(), env, "up", "feat/keep").ok();

    assertEquals(java.util.List.of("7"), PG.column(db, "SELECT x FROM keepme"), "the data survives\n" + again.err());
    WtRun.in(repo.root(), env, "down", "feat/keep").ok();
  }

  @Test
  void a_down_whose_removal_fails_keeps_the_databases_of_the_worktree_it_leaves() throws Exception {
    repo.write(".gitignore", "ign/\n").write("wt.toml", "project = \"" + project + "\"\n[databases.app]\n"
        + "env = \"DATABASE_URL\"\nfill = \"empty\"\n").commitAll("databases");
    WtRun.in(repo.root(), env, "up", "feat/stuck").ok();
    java.nio.file.Files.createDirectories(worktree("stuck").resolve("ign"));
    java.nio.file.Files.writeString(worktree("stuck").resolve("ign/file"), "kept in the trash\n");
    // wt's trash cannot be made: the ignored files cannot be kept, so the worktree must stay whole
    Path trash = repo.root().resolve(".git/wt/trash");
    java.nio.file.Files.createDirectories(trash.getParent());
    java.nio.file.Files.writeString(trash, "not a folder");

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/stuck");

    assertTrue(down.exitCode() != 0, down.out() + down.err());
    assertTrue(java.nio.file.Files.isDirectory(worktree("stuck")), "the worktree stays");
    assertTrue(PG.databases().contains(dbOf("feat/stuck")), "so do its databases\n" + down.err());
    java.nio.file.Files.delete(trash);
    WtRun.in(repo.root(), env, "down", "feat/stuck").ok();
    assertFalse(PG.databases().contains(dbOf("feat/stuck")));
  }

  @Test
  void another_checkout_with_the_same_project_and_branch_never_adopts_or_drops_our_database() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    String one = dbOf("feat/one");
    PG.exec(one, "CREATE TABLE precious(x int)", "INSERT INTO precious VALUES (42)");
    GitRepo other = GitRepo.create(Files.createDirectories(tmp.resolve("elsewhere")), "app");
    other.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");

    // found before the checkout: nothing is made in the other checkout
    WtRun refused = WtRun.in(other.root(), env, "up", "feat/one").expect(1);
    assertTrue(refused.err().contains("not marked as this worktree's"), refused.err());
    assertFalse(other.hasBranch("feat/one"));
    // nor does it clone its worktrees from the first checkout's template: refused before the checkout too
    WtRun cloned = WtRun.in(other.root(), env, "up", "feat/two").expect(1);
    assertTrue(cloned.err().contains("belongs to another checkout"), cloned.err());
    assertFalse(other.hasBranch("feat/two"));

    assertEquals(java.util.List.of("42"), PG.column(one, "SELECT x FROM precious"), "the first checkout's data survives");
    WtRun.in(worktree("one"), env, "db", "status").expect(0);
  }

  @Test
  void two_worktrees_get_separate_databases_that_never_see_each_others_writes() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    WtRun.in(repo.root(), env, "up", "feat/two").ok();
    String one = dbOf("feat/one");
    String two = dbOf("feat/two");
    assertNotEquals(one, two);
    assertTrue(PG.databases().containsAll(java.util.List.of(one, two)));
    assertTrue(PG.comment(one).startsWith("wt:" + project + ":one_" + WorktreeIdentity.derive("feat/one").hash() + " (repo "), PG.comment(one));

    String envOne = Files.readString(worktree("one").resolve(".env.development.local"));
    assertTrue(envOne.contains("DATABASE_URL=postgresql://postgres@127.0.0.1:5432/" + one + "\n"), envOne);

    PG.exec(one, "CREATE TABLE notes(body text)", "INSERT INTO notes VALUES ('only in one')");
    assertTrue(PG.column(two, "SELECT to_regclass('notes')::text").contains(null),
        "a table created in one worktree's database appeared in the other's");
  }

  @Test
  void the_template_clone_carries_the_main_databases_data() {
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    PG.exec(project, "CREATE TABLE users(name text)", "INSERT INTO users VALUES ('ada')");

    WtRun.in(repo.root(), env, "up", "feat/clone").ok();

    assertEquals(java.util.List.of("ada"), PG.column(dbOf("feat/clone"), "SELECT name FROM users"));
    assertTrue(PG.databases().contains(project + "_template"));
  }

  @Test
  void down_leaves_the_server_exactly_as_before() {
    // only this test's names: other test runs share the server and come and go meanwhile
    TreeSet<String> before = ours();
    WtRun.in(repo.root(), env, "up", "feat/a").ok();
    WtRun.in(repo.root(), env, "up", "feat/b").ok();
    WtRun.in(repo.root(), env, "down", "feat/a").ok();
    WtRun.in(repo.root(), env, "down", "feat/b").ok();
    assertEquals(before, ours());
  }

  private TreeSet<String> ours() {
    TreeSet<String> all = PG.databases();
    all.removeIf(d -> !d.startsWith(project));
    return all;
  }

  @Test
  void teardown_leaves_main_and_unowned_look_alike_databases_alone() {
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    String mine = dbOf("feat/keep");
    // a database with a worktree-like name that some other tool (or person) owns
    String lookAlike = dbOf("feat/other");
    PG.exec("postgres", "CREATE DATABASE \"" + lookAlike + "\"",
        "COMMENT ON DATABASE \"" + lookAlike + "\" IS 'wt:" + project + ":someone_else'");

    WtRun.in(repo.root(), env, "down", "feat/keep").ok();

    TreeSet<String> after = PG.databases();
    assertFalse(after.contains(mine));
    assertTrue(after.contains(project), "the main database was dropped");
    assertTrue(after.contains(lookAlike), "an unowned look-alike was dropped");
  }

  @Test
  void setup_refuses_to_adopt_an_existing_unmarked_database_of_the_same_name() {
    String taken = dbOf("feat/taken");
    PG.exec("postgres", "CREATE DATABASE \"" + taken + "\"");
    PG.exec(taken, "CREATE TABLE precious(x int)");

    // found before the checkout: refused, nothing made
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/taken").expect(1);
    assertTrue(r.err().contains("not marked as this worktree's"), r.err());
    assertFalse(Files.exists(worktree("taken")));
    // setup in a worktree made by hand must not adopt it either, and the worktree is not set up
    repo.git("worktree", "add", "-q", "-b", "feat/taken", worktree("taken").toString());
    WtRun.in(worktree("taken"), env, "setup").expect(1);
    WtRun status = WtRun.in(worktree("taken"), env, "db", "status").expect(1);
    assertTrue(status.err().contains("is not set up yet"), status.err());
    WtRun.in(repo.root(), env, "down", "--force", "feat/taken");

    assertTrue(PG.databases().contains(taken), "wt dropped a database it never owned");
    assertEquals(java.util.List.of("precious"), PG.column(taken, "SELECT tablename FROM pg_tables WHERE tablename = 'precious'"));
  }

  @Test
  void names_at_the_63_byte_edge_are_created_and_dropped_exactly() {
    String prefix = project + "_" + "p".repeat(54 - project.length() - 1);
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\nprefix = \"" + prefix + "\"\n")
        .commitAll("long prefix");
    String branch = "feature/" + "a-very-long-branch-name-that-goes-on-and-on-".repeat(3);
    String name = DatabaseNames.of(prefix, WorktreeIdentity.derive(branch));
    assertEquals(63, name.length());

    WtRun.in(repo.root(), env, "up", branch).ok();
    assertTrue(PG.databases().contains(name), "expected exactly " + name + " in " + PG.databases());
    WtRun.in(repo.root(), env, "down", branch).ok();
    assertFalse(PG.databases().contains(name));
  }

  @Test
  void a_database_in_use_is_still_dropped_on_teardown() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/busy").ok();
    String busy = dbOf("feat/busy");
    try (Connection held = PG.connect(busy)) {
      PG.exec(busy, "CREATE TABLE t(x int)");
      WtRun.in(repo.root(), env, "down", "feat/busy").ok();
      assertFalse(PG.databases().contains(busy));
      assertFalse(held.isValid(2), "the session on the dropped database survived");
    }
  }

  @Test
  void status_exits_1_when_a_database_is_missing_and_0_when_all_answer() {
    WtRun.in(repo.root(), env, "up", "feat/status").ok();
    Path wt = worktree("status");
    WtRun ok = WtRun.in(wt, env, "db", "status").ok();
    assertTrue(ok.out().contains(dbOf("feat/status")), ok.out());

    PG.exec("postgres", "DROP DATABASE \"" + dbOf("feat/status") + "\"");
    WtRun missing = WtRun.in(wt, env, "db", "status", "--json").expect(1);
    assertTrue(missing.out().contains("\"exists\" : false"), missing.out());
  }

  @Test
  void status_reports_the_last_applied_migration() {
    WtRun.in(repo.root(), env, "up", "feat/migrated").ok();
    PG.exec(dbOf("feat/migrated"), "CREATE TABLE _prisma_migrations(migration_name text, finished_at timestamptz, "
        + "rolled_back_at timestamptz)",
        "INSERT INTO _prisma_migrations VALUES ('20250101_init', now() - interval '1 day', null), "
            + "('20250202_add_users', now(), null)");
    WtRun r = WtRun.in(worktree("migrated"), env, "db", "status").ok();
    assertTrue(r.out().contains("prisma: 20250202_add_users"), r.out());
  }

  @Test
  void passwords_in_urls_are_never_printed() {
    Map<String, String> withPassword = Map.of("WT_PG_MODE", "url",
        "WT_PG_URL", "postgresql://postgres:s3cret-pw@127.0.0.1:5432/postgres");
    WtRun up = WtRun.in(repo.root(), withPassword, "up", "feat/secret").ok();
    WtRun status = WtRun.in(worktree("secret"), withPassword, "db", "status", "--json").ok();
    WtRun setup = WtRun.in(worktree("secret"), withPassword, "setup", "--json").ok();
    for (String text : new String[] {up.out(), up.err(), status.out(), status.err(), setup.out(), setup.err()}) {
      assertFalse(text.contains("s3cret-pw"), text);
    }
    assertTrue(status.out().contains("postgres:***@"), status.out());
  }

  @Test
  void migrate_runs_the_configured_command_against_the_worktrees_database_only() {
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    repo.write("wt.toml", "project = \"" + project + "\"\n[databases.app]\n"
        + "migrate = \"psql -q \\\"$DATABASE_URL\\\" -c 'CREATE TABLE migrated(x int)'\"\n").commitAll("migrate");
    WtRun.in(repo.root(), env, "up", "feat/mig").ok();
    Map<String, String> trusted = new java.util.HashMap<>(env);
    trusted.put("WT_TRUST", "1"); // the migrate command is the repository's
    WtRun.in(worktree("mig"), trusted, "db", "migrate").ok();
    assertEquals(java.util.List.of("migrated"), PG.column(dbOf("feat/mig"), "SELECT tablename FROM pg_tables WHERE tablename = 'migrated'"));
    assertEquals(java.util.List.of(), PG.column(project, "SELECT tablename FROM pg_tables WHERE tablename = 'migrated'"));
  }

  @Test
  void psql_exits_with_psqls_own_code() {
    WtRun.in(repo.root(), env, "up", "feat/psql").ok();
    WtRun.in(worktree("psql"), env, "db", "psql", "--", "-q", "-c", "SELECT 1").ok();
    WtRun.in(worktree("psql"), env, "db", "psql", "--", "-q", "-v", "ON_ERROR_STOP=1", "-c", "SELECT 1/0").expect(1);
  }

  @Test
  void template_refresh_copies_a_main_database_that_has_a_session_open_and_main_survives() throws Exception {
    PG.exec("postgres", "CREATE DATABASE \"" + project + "\"");
    PG.exec(project, "CREATE TABLE plans(name text)", "INSERT INTO plans VALUES ('pro')");
    try (Connection devServer = PG.connect(project)) {
      WtRun r = WtRun.in(repo.root(), env, "db", "template", "refresh", "--from", "main").ok();
      assertTrue(r.out().contains("clone method"), r.out());
    }
    assertTrue(PG.databases().contains(project));
    assertEquals(java.util.List.of("pro"), PG.column(project + "_template", "SELECT name FROM plans"));
    assertTrue(PG.comment(project + "_template").startsWith("wt:" + project + ":template (repo "), PG.comment(project + "_template"));
    WtRun.in(repo.root(), env, "up", "feat/plans").ok();
    assertEquals(java.util.List.of("pro"), PG.column(dbOf("feat/plans"), "SELECT name FROM plans"));
  }
}
