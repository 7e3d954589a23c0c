package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The staging copy {@code <project>_template_wt_pull} a template is built in: wt drops only one a
 * killed run of this checkout left, never one someone else made or another checkout is filling.
 */
class TemplateStagingTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String staging;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    project = "wts" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(), (byte) new Random().nextInt(),
        (byte) new Random().nextInt()});
    staging = project + "_template_wt_pull";
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

  /** A staging copy made outside this run, holding a table that shows whether it survived. */
  private void stagingCopy(String comment) {
    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"");
    PG.exec(staging, "CREATE TABLE precious(x int)", "INSERT INTO precious VALUES (42)");
    if (comment != null) {
      PG.exec("postgres", "COMMENT ON DATABASE \"" + staging + "\" IS '" + comment.replace("'", "''") + "'");
    }
  }

  private void refusedAndKept(String comment) {
    WtRun r = WtRun.in(repo.root(), env, "up", "feat/one").expect(4);
    assertTrue(r.err().contains("database " + staging + " exists and is not this checkout's staging copy"), r.err());
    assertTrue(r.err().contains("another checkout of " + project + " may be building the template"), r.err());
    assertEquals(List.of("42"), PG.column(staging, "SELECT x FROM precious"), "the staging copy was touched");
    assertEquals(comment, PG.comment(staging));
    assertFalse(PG.databases().contains(project + "_template"));
  }

  @Test
  void an_unmarked_staging_copy_survives_up_and_the_template_build_is_refused() {
    stagingCopy(null);
    refusedAndKept(null);
  }

  @Test
  void a_staging_copy_another_checkout_marked_survives_up() {
    String theirs = "wt:" + project + ":template:auto (repo /elsewhere/.git)";
    stagingCopy(theirs);
    refusedAndKept(theirs);
  }

  @Test
  void a_staging_copy_a_killed_run_of_this_checkout_marked_is_replaced() {
    // the mark this repository puts on its template, read off a template it built and dropped again
    WtRun.in(repo.root(), env, "up", "feat/first").ok();
    String ours = PG.comment(project + "_template");
    WtRun.in(repo.root(), env, "down", "feat/first").ok();
    assertFalse(PG.databases().contains(project + "_template"));
    stagingCopy(ours);

    WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertFalse(PG.databases().contains(staging));
    assertEquals(ours, PG.comment(project + "_template"));
    assertTrue(PG.column(project + "_template", "SELECT to_regclass('precious')::text").contains(null),
        "the leftover was renamed in instead of rebuilt");
  }

  @Test
  void an_unmarked_staging_copy_this_checkout_was_creating_when_killed_is_replaced() throws Exception {
    stagingCopy(null);
    // what a wt killed during the CREATE leaves: the server finished it, the mark never came
    Path intent = repo.root().resolve(".git/wt/locks/template-staging.intent");
    Files.createDirectories(intent.getParent());
    Files.writeString(intent, "");

    WtRun.in(repo.root(), env, "up", "feat/one").ok();

    assertFalse(PG.databases().contains(staging));
    assertTrue(PG.comment(project + "_template").startsWith("wt:" + project + ":template:auto (repo "));
    assertFalse(Files.exists(intent), "the intent outlived the build");
  }
}
