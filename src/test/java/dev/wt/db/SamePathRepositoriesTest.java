package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines (or devcontainers) with the repository at the same path and one url-mode server:
 * each repository has its own id, so neither adopts, drops nor gc's the other's databases.
 */
class SamePathRepositoriesTest {

  private static final Pg PG = Pg.local();
  private static final String OTHER_ID = "0123456789abcdef0123456789abcdef\n";

  private static final String TOML = "[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n";

  @TempDir Path tmp;
  /** The first repository at {@code tmp/app}. */
  private PgProject first;
  private String project;

  @BeforeEach
  void firstRepository() {
    first = PgProject.create(tmp, "wtid", TOML);
    project = first.project();
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (first != null) {
      first.close();
    }
  }

  /** Another repository at {@code tmp/app}, configured like the first, once that one has moved away. */
  private GitRepo secondAtTheSamePath() {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n" + TOML).commitAll("wt config");
    return repo;
  }

  /** One machine: its own per-user state (port claims, approvals), the shared server. */
  private Map<String, String> machine(String name) {
    return Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "XDG_STATE_HOME", tmp.resolve(name).toString());
  }

  private String dbOf(String branch) {
    return DatabaseNames.of(project, WorktreeIdentity.derive(branch));
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /**
   * The first machine made the databases of feat/shared and feat/only-a, then went out of sight
   * (its repository and worktrees moved elsewhere); the second repository is at the same path now.
   */
  private GitRepo secondAfterTheFirstMadeDatabases() throws IOException {
    WtRun.in(first.repo().root(), machine("a"), "up", "feat/shared").ok();
    WtRun.in(first.repo().root(), machine("a"), "up", "feat/only-a").ok();
    Path away = Files.createDirectories(tmp.resolve("machine-a"));
    try (var folders = Files.list(tmp)) {
      for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith("app")).toList()) {
        Files.move(folder, away.resolve(folder.getFileName()));
      }
    }
    return secondAtTheSamePath();
  }

  @Test
  void gc_yes_in_the_second_repository_at_the_path_leaves_the_firsts_databases() throws Exception {
    GitRepo second = secondAfterTheFirstMadeDatabases();

    WtRun gc = WtRun.in(second.root(), machine("b"), "gc", "--yes").ok();

    assertTrue(PG.databases().contains(dbOf("feat/shared")), gc.out() + gc.err());
    assertTrue(PG.databases().contains(dbOf("feat/only-a")), gc.out() + gc.err());
    assertNotEquals(Files.readString(tmp.resolve("machine-a/app/.git/wt/id")),
        Files.readString(second.root().resolve(".git/wt/id")), "each repository has its own id");
  }

  @Test
  void up_in_the_second_repository_at_the_path_refuses_the_database_the_first_made_for_the_branch() throws Exception {
    GitRepo second = secondAfterTheFirstMadeDatabases();
    String shared = dbOf("feat/shared");
    String firstsMark = PG.comment(shared);

    WtRun up = WtRun.in(second.root(), machine("b"), "up", "feat/shared").expect(1);

    assertTrue(up.err().contains("database " + shared + " exists") && up.err().contains("not marked as this "
        + "worktree's"), up.err());
    assertTrue(up.err().contains("hint: wt never writes into a database it does not own"), up.err());
    assertEquals(firstsMark, PG.comment(shared), "not adopted");
  }

  @Test
  void down_in_the_second_repository_at_the_path_leaves_the_firsts_database() throws Exception {
    GitRepo second = secondAfterTheFirstMadeDatabases();
    String shared = dbOf("feat/shared");
    WtRun.in(second.root(), machine("b"), "up", "feat/shared");

    WtRun down = WtRun.in(second.root(), machine("b"), "down", "feat/shared");

    assertTrue(PG.databases().contains(shared), down.out() + down.err());
  }

  /** One repository whose worktrees feat/kept and feat/gone (folder deleted) the first id made; then another id. */
  private GitRepo recordsOfTheFirstWithAnotherId() throws IOException {
    GitRepo repo = first.repo();
    WtRun.in(repo.root(), machine("a"), "up", "feat/kept").ok();
    WtRun.in(repo.root(), machine("a"), "up", "feat/gone").ok();
    deleteRecursively(tmp.resolve("app-gone"));
    Files.createDirectories(repo.root().resolve(".git/wt"));
    Files.writeString(repo.root().resolve(".git/wt/id"), OTHER_ID);
    return repo;
  }

  @Test
  void up_with_another_id_refuses_the_database_its_record_names() throws Exception {
    GitRepo repo = recordsOfTheFirstWithAnotherId();
    String kept = dbOf("feat/kept");
    String mark = PG.comment(kept);

    WtRun up = WtRun.in(repo.root(), machine("b"), "up", "feat/kept").expect(1);

    assertTrue(up.err().contains("not marked as this worktree's"), up.err());
    assertEquals(mark, PG.comment(kept));
  }

  @Test
  void down_with_another_id_leaves_the_database_its_record_names() throws Exception {
    GitRepo repo = recordsOfTheFirstWithAnotherId();

    WtRun down = WtRun.in(repo.root(), machine("b"), "down", "feat/kept").ok();

    assertTrue(PG.databases().contains(dbOf("feat/kept")), down.out() + down.err());
    assertTrue(down.err().contains("left in place, it is not marked as this worktree's"), down.err());
  }

  @Test
  void gc_yes_with_another_id_leaves_a_dead_worktrees_database_its_record_names() throws Exception {
    GitRepo repo = recordsOfTheFirstWithAnotherId();

    WtRun gc = WtRun.in(repo.root(), machine("b"), "gc", "--yes");

    assertTrue(PG.databases().contains(dbOf("feat/gone")), gc.out() + gc.err());
    assertTrue(PG.databases().contains(dbOf("feat/kept")), gc.out() + gc.err());
  }

  @Test
  void a_malformed_id_is_refused_with_exit_3_before_up_makes_anything() throws Exception {
    GitRepo repo = first.repo();
    Path id = Files.createDirectories(repo.root().resolve(".git/wt")).resolve("id");
    Files.writeString(id, "copied from a wiki\n");

    WtRun up = WtRun.in(repo.root(), machine("a"), "up", "feat/x").expect(3);

    assertTrue(up.err().contains("wt: cannot read the repository id " + id.toRealPath() + ": it holds no repository id"),
        up.err());
    assertTrue(up.err().contains("hint: restore it"), up.err());
    assertEquals("copied from a wiki\n", Files.readString(id), "never replaced");
    assertTrue(PG.databases().stream().noneMatch(d -> d.startsWith(project)), PG.databases().toString());
    assertTrue(Files.notExists(tmp.resolve("app-x")), "no worktree");
  }

  @Test
  void a_malformed_id_stops_down_before_it_removes_anything() throws Exception {
    GitRepo repo = first.repo();
    WtRun.in(repo.root(), machine("a"), "up", "feat/x").ok();
    Files.writeString(repo.root().resolve(".git/wt/id"), "copied from a wiki\n");

    WtRun down = WtRun.in(repo.root(), machine("a"), "down", "feat/x").expect(3);

    assertTrue(down.err().contains("cannot read the repository id"), down.err());
    assertTrue(Files.isDirectory(tmp.resolve("app-x")), "the worktree stays");
    assertTrue(repo.git("branch", "--list", "feat/x").contains("feat/x"), "the branch stays");
  }
}
