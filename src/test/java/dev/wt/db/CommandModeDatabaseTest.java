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
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [postgres] mode = "command"} with provider scripts that make real databases on the local
 * server, and providers that fail, hang or print garbage: a clear error, nothing half-made.
 */
class CommandModeDatabaseTest {

  private static final Pg PG = Pg.local();
  private static final String PSQL = "psql -h 127.0.0.1 -U postgres -d postgres -qAt -v ON_ERROR_STOP=1";

  @TempDir Path tmp;
  GitRepo repo;
  String project;
  Path provider;
  final Map<String, String> trusted = Map.of("WT_TRUST", "1", "WT_PG_MODE", "command");
  final Map<String, String> untrusted = Map.of("WT_PG_MODE", "command");

  @BeforeEach
  void repository() throws Exception {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Random random = new Random();
    project = "wtcmd" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repo = GitRepo.create(tmp, "app");
    provider = Files.createDirectories(tmp.resolve("provider"));
    script("create.sh", PSQL + " -c \"CREATE DATABASE \\\"$WT_DB_NAME\\\"\" >&2\n"
        + "echo \"made $WT_DB ($WT_DB_NAME) for $WT_BRANCH\" >&2\n"
        + "echo \"postgresql://postgres@127.0.0.1:5432/$WT_DB_NAME?application_name=wt\"\n");
    script("drop.sh", PSQL + " -c \"DROP DATABASE IF EXISTS \\\"$WT_DB_NAME\\\" WITH (FORCE)\" >&2\n");
    script("list.sh", PSQL + " -c 'SELECT datname FROM pg_database'\n");
    script("fails.sh", PSQL + " -c \"CREATE DATABASE \\\"$WT_DB_NAME\\\"\" >&2\necho 'quota exceeded' >&2\nexit 3\n");
    script("hangs.sh", PSQL + " -c \"CREATE DATABASE \\\"$WT_DB_NAME\\\"\" >&2\nsleep 300\n");
    script("garbage.sh", PSQL + " -c \"CREATE DATABASE \\\"$WT_DB_NAME\\\"\" >&2\necho 'Branch created! ID br-cool-sun-123'\n");
    config("create.sh", "");
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void the_create_command_makes_a_real_database_whose_url_goes_to_the_env_file_and_down_drops_it() throws Exception {
    WtRun up = WtRun.in(repo.root(), trusted, "up", "feat/cmd").ok();
    String db = dbOf("feat/cmd");
    assertTrue(PG.databases().contains(db), up.err());
    assertTrue(up.err().contains("made app (" + db + ") for feat/cmd"), "WT_* variables reach it\n" + up.err());
    String env = Files.readString(tmp.resolve("app-cmd/.env.development.local"));
    assertTrue(env.contains("postgresql://postgres@127.0.0.1:5432/" + db + "?application_name=wt"), env);

    WtRun.in(repo.root(), trusted, "down", "feat/cmd").ok();
    assertFalse(PG.databases().contains(db));
  }

  @Test
  void a_create_that_fails_is_undone_by_drop_and_says_so() throws Exception {
    config("fails.sh", "");
    WtRun r = WtRun.in(repo.root(), trusted, "up", "feat/fail").expect(4);
    assertTrue(r.err().contains("postgres.create failed with exit code 3 for database " + dbOf("feat/fail")
        + "; postgres.drop ran, nothing is left"), r.err());
    assertTrue(r.err().contains("quota exceeded"), "its stderr is shown\n" + r.err());
    assertFalse(PG.databases().contains(dbOf("feat/fail")));
  }

  @Test
  void a_create_that_hangs_is_stopped_at_the_timeout_and_undone() throws Exception {
    config("hangs.sh", "[setup]\ntimeout = \"2s\"\n");
    WtRun r = WtRun.in(repo.root(), trusted, "up", "feat/hang").expect(4);
    assertTrue(r.err().contains("ran longer than its timeout of 2 s and was stopped"), r.err());
    assertTrue(r.err().contains("postgres.drop ran, nothing is left"), r.err());
    assertFalse(PG.databases().contains(dbOf("feat/hang")));
  }

  @Test
  void a_create_that_prints_no_url_is_undone() throws Exception {
    config("garbage.sh", "");
    WtRun r = WtRun.in(repo.root(), trusted, "up", "feat/junk").expect(4);
    assertTrue(r.err().contains("postgres.create printed no PostgreSQL URL for database " + dbOf("feat/junk")), r.err());
    assertFalse(r.err().contains("br-cool-sun"), "what it printed is not echoed (it may be a secret)\n" + r.err());
    assertFalse(PG.databases().contains(dbOf("feat/junk")));
  }

  @Test
  void the_commands_do_not_run_before_they_are_trusted() throws Exception {
    WtRun r = WtRun.in(repo.root(), untrusted, "up", "feat/untrusted").expect(4);
    assertTrue(r.err().contains("postgres.create"), r.err());
    assertTrue(r.err().contains("wt trust"), r.err());
    assertFalse(PG.databases().contains(dbOf("feat/untrusted")));
  }

  @Test
  void gc_drops_a_dead_worktrees_database_and_only_shows_what_the_list_command_adds() throws Exception {
    WtRun.in(repo.root(), trusted, "up", "feat/live").ok();
    WtRun.in(repo.root(), trusted, "up", "feat/gone").ok();
    String gone = dbOf("feat/gone");
    assertTrue(PG.databases().contains(gone));
    Path folder = repo.root().resolveSibling(repo.root().getFileName() + "-gone");
    assertTrue(Files.isDirectory(folder), folder.toString());
    try (var walk = Files.walk(folder)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    // named like a worktree's, but no record of this checkout made it: another clone's, maybe
    String stray = project + "_stray_0a1b2c";
    PG.exec("postgres", "CREATE DATABASE \"" + stray + "\"");

    WtRun dry = WtRun.in(repo.root(), trusted, "gc").ok();
    assertTrue(dry.out().contains(stray), dry.out());

    WtRun done = WtRun.in(repo.root(), trusted, "gc", "--yes").ok();
    assertFalse(PG.databases().contains(gone), "the dead worktree's own database is dropped\n" + done.out());
    assertTrue(PG.databases().contains(stray), "a listed name no record holds is only shown\n" + done.out());
    assertTrue(done.out().contains(stray), done.out());
    assertTrue(PG.databases().contains(dbOf("feat/live")), "a live worktree's database stays");
    WtRun.in(repo.root(), trusted, "down", "feat/live").ok();
    PG.exec("postgres", "DROP DATABASE \"" + stray + "\"");
  }

  @Test
  void the_shipped_examples_are_valid_configurations_whose_commands_need_trust() throws Exception {
    for (String example : new String[] {"neon.toml", "dblab.toml"}) {
      repo.write("wt.toml", Files.readString(Path.of("examples/db-command", example))).commitAll(example);
      WtRun r = WtRun.in(repo.root(), "trust"); // no terminal: shows the list, approves nothing
      assertTrue((r.out() + r.err()).contains("postgres.create") && (r.out() + r.err()).contains("postgres.list"),
          example + "\n" + r.out() + r.err());
    }
  }

  private String dbOf(String branch) {
    return DatabaseNames.of(project, WorktreeIdentity.derive(branch));
  }

  private void config(String create, String extra) {
    repo.write("wt.toml", "project = \"" + project + "\"\n[postgres]\nmode = \"command\"\n"
        + "create = \"sh " + provider.resolve(create) + "\"\n"
        + "drop = \"sh " + provider.resolve("drop.sh") + "\"\n"
        + "list = \"sh " + provider.resolve("list.sh") + "\"\n"
        + "[databases.app]\nfill = \"empty\"\n" + extra).commitAll("command mode");
  }

  private void script(String name, String body) throws Exception {
    Files.writeString(provider.resolve(name), "#!/bin/sh\nset -e\n" + body);
  }
}
