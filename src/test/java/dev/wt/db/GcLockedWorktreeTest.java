package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.PgProject;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A locked worktree whose folder is missing (a disk not mounted) is alive to gc, as it is to git. */
class GcLockedWorktreeTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private PgProject made;

  @AfterEach
  void drop() {
    if (made != null) {
      made.close();
    }
  }

  @Test
  void gc_keeps_the_databases_and_record_of_a_locked_worktree_on_an_unmounted_disk() throws Exception {
    made = PgProject.create(tmp, "wtlk", "[databases.app]\nenv = \"DATABASE_URL\"\nfill = \"empty\"\n");
    GitRepo repo = made.repo();
    Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl());
    WtRun.in(repo.root(), env, "up", "feat/usb").ok();
    String db = DatabaseNames.of(made.project(), WorktreeIdentity.derive("feat/usb"));
    PG.exec(db, "CREATE TABLE important (x int)");
    Path folder = tmp.resolve("app-usb");
    repo.git("worktree", "lock", "--reason", "on external disk", folder.toString());
    Files.move(folder, tmp.resolve("unmounted")); // the disk is unplugged

    WtRun.in(repo.root(), env, "gc", "--yes").ok();

    assertTrue(PG.databases().contains(db), "its database stays: " + PG.databases());
    Files.move(tmp.resolve("unmounted"), folder); // plugged in again
    WtRun back = WtRun.in(folder, env, "env").ok();
    assertTrue(back.out().contains(db), "still set up: " + back.out());
  }
}
