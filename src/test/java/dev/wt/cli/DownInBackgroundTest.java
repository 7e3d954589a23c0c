package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt down} moves the worktree folder aside and deletes it in a process of its own; a
 * deletion that was cut short is finished by the next wt command or {@code wt gc}.
 */
class DownInBackgroundTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  GitRepo repo;
  Path deleting;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    deleting = dev.wt.core.Trash.of(repo.root().resolve(".git")).deleting();
  }

  @Test
  void the_folder_and_gits_entry_are_gone_when_down_returns_and_the_files_soon_after() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    WtRun.in(repo.root(), "down", "feat/x").ok();
    assertFalse(Files.exists(wt));
    assertEquals(List.of(repo.root().toRealPath()), repo.worktrees());
    assertFalse(Files.exists(repo.root().resolve(".git/worktrees/demo-x")), "git's admin folder goes too");
    assertTrue(emptied(), "the background deletion empties " + deleting);
    // the same branch comes up again at the same place at once
    WtRun.in(repo.root(), "up", "feat/x").ok();
    assertTrue(Files.isRegularFile(wt.resolve("README.md")) || Files.isDirectory(wt));
  }

  @Test
  void an_interrupted_deletion_is_finished_by_the_next_command() throws Exception {
    Path cut = interrupted("x_000001");
    WtRun.in(repo.root(), "list").ok();
    assertTrue(emptied(), "wt list restarts the deletion of " + cut);
  }

  @Test
  void an_interrupted_deletion_is_finished_by_gc_without_yes() throws Exception {
    Path cut = interrupted("x_000002");
    WtRun.in(repo.root(), "gc").ok();
    assertTrue(emptied(), "wt gc restarts the deletion of " + cut);
  }

  /** A removed worktree whose deletion stopped half-way: files left, and a pid file of a process long gone. */
  private Path interrupted(String slug) throws Exception {
    Path cut = dev.wt.core.Trash.of(repo.root().resolve(".git")).deletionFor(slug, Instant.now());
    Files.createDirectories(cut.resolve("worktree/src/deep"));
    Files.writeString(cut.resolve("worktree/src/deep/file.txt"), "x");
    Files.writeString(cut.resolveSibling(cut.getFileName() + ".pid"), "999999999\n");
    return cut;
  }

  private boolean emptied() throws Exception {
    Instant end = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(end)) {
      try (Stream<Path> left = Files.list(deleting)) {
        if (left.findAny().isEmpty()) {
          return true;
        }
      }
      Thread.sleep(50);
    }
    return false;
  }
}
