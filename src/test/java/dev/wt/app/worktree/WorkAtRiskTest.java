package dev.wt.app.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.WtException;
import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkAtRiskTest {

  private static final Path MAIN = Path.of("/r/app");
  private static final Path WT = Path.of("/r/app-x");
  private static final UnsavedCommits.Lost LOST = new UnsavedCommits.Lost(null, MAIN,
      "0123456789abcdef0123456789abcdef01234567", "head",
      List.of(new Git.Commit("0123456789abcdef0123456789abcdef01234567", "wip")));

  private static WorkAtRisk.Facts facts(boolean present, boolean locked) {
    return new WorkAtRisk.Facts(MAIN, WT, "x_1", present, locked);
  }

  @Test
  void a_lock_is_named_before_the_changes_and_the_changes_before_the_commits() {
    WtException locked = assertThrows(WtException.class, () -> WorkAtRisk.check(facts(true, true), false,
        () -> List.of("a.txt"), () -> List.of(LOST)));
    assertTrue(locked.getMessage().endsWith("is locked"), locked.getMessage());
    WtException dirty = assertThrows(WtException.class, () -> WorkAtRisk.check(facts(true, false), false,
        () -> List.of("a.txt"), () -> List.of(LOST)));
    assertTrue(dirty.getMessage().contains("uncommitted changes that would be lost: a.txt"), dirty.getMessage());
    WtException commits = assertThrows(WtException.class, () -> WorkAtRisk.check(facts(true, false), false,
        List::of, () -> List.of(LOST)));
    assertTrue(commits.getMessage().contains("holds 1 commit") && commits.hint().contains("refs/wt/saved/x_1/"),
        commits.getMessage());
  }

  @Test
  void forced_it_asks_for_no_changes_and_returns_the_commits_to_save() {
    List<UnsavedCommits.Lost> save = WorkAtRisk.check(facts(true, true), true,
        () -> { throw new AssertionError("git status is not needed when forced"); }, () -> List.of(LOST));
    assertEquals(List.of(LOST), save);
  }

  @Test
  void a_folder_deleted_by_hand_has_no_changes_to_lose_but_its_commits_still_count() {
    assertThrows(WtException.class, () -> WorkAtRisk.check(facts(false, true), false,
        () -> { throw new AssertionError("no folder, no status"); }, () -> List.of(LOST)));
    assertEquals(List.of(), WorkAtRisk.check(facts(false, false), false, () -> List.of("x"), List::of));
  }

  @Test
  void long_lists_are_cut_after_ten() {
    List<String> many = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "f" + i).toList();
    assertTrue(WorkAtRisk.listed(many).endsWith("f9 and 3 more"));
  }
}
