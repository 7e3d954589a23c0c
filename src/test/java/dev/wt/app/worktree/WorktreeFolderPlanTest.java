package dev.wt.app.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.app.worktree.WorktreeFolderPlan.AtFolder;
import dev.wt.app.worktree.WorktreeFolderPlan.Why;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which folder up uses, decided without a file system. */
class WorktreeFolderPlanTest {

  private static final Path NAMED = Path.of("/src/shop-x");
  private static final Path BY_SLUG = Path.of("/src/shop-fix_x_1a2b3c");
  private static final AtFolder FREE = new AtFolder(false, false, false);

  @Test
  void the_folder_the_user_asked_for_is_used_as_it_is() {
    assertEquals(new WorktreeFolderPlan(NAMED, Why.ASKED), WorktreeFolderPlan.asked(NAMED));
  }

  @Test
  void a_free_folder_named_by_the_pattern_is_used() {
    assertEquals(new WorktreeFolderPlan(NAMED, Why.PATTERN), WorktreeFolderPlan.fromPattern(true, NAMED, FREE, BY_SLUG));
  }

  @Test
  void the_default_patterns_folder_holding_another_branchs_files_moves_to_the_slug() {
    AtFolder occupied = new AtFolder(true, false, false);
    assertEquals(new WorktreeFolderPlan(BY_SLUG, Why.TAKEN_SO_SLUG),
        WorktreeFolderPlan.fromPattern(true, NAMED, occupied, BY_SLUG));
  }

  @Test
  void this_branchs_own_worktree_is_not_taken() {
    AtFolder own = new AtFolder(true, true, false);
    assertEquals(NAMED, WorktreeFolderPlan.fromPattern(true, NAMED, own, BY_SLUG).folder());
  }

  @Test
  void a_folder_another_branch_claimed_is_taken_even_while_empty() {
    AtFolder claimed = new AtFolder(false, false, true);
    assertEquals(BY_SLUG, WorktreeFolderPlan.fromPattern(true, NAMED, claimed, BY_SLUG).folder());
  }

  @Test
  void a_configured_pattern_is_never_side_stepped() {
    AtFolder occupied = new AtFolder(true, false, true);
    assertEquals(new WorktreeFolderPlan(NAMED, Why.PATTERN),
        WorktreeFolderPlan.fromPattern(false, NAMED, occupied, BY_SLUG));
  }
}
