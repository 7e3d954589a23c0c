package dev.wt.app.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.app.worktree.BranchPlan.Action;
import dev.wt.app.worktree.BranchPlan.Facts;
import dev.wt.app.worktree.BranchPlan.Flags;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** What down does with a branch, decided without git. */
class BranchPlanTest {

  private static final Flags PLAIN = new Flags(false, false, false);
  private static final BooleanSupplier MERGED = () -> true;
  private static final BooleanSupplier UNMERGED = () -> false;
  private static final BooleanSupplier NEVER = () -> {
    throw new AssertionError("the merge check is not needed here");
  };

  private static Facts ours(String branch) {
    return new Facts(branch, "origin/main", true, true, true);
  }

  private static Facts users(String branch) {
    return new Facts(branch, "origin/main", true, false, true);
  }

  @Test
  void a_merged_branch_wt_created_is_deleted_an_unmerged_one_kept() {
    assertEquals(Action.DELETE_MERGED, BranchPlan.decide(ours("feat/x"), PLAIN, MERGED).action());
    assertEquals(Action.KEEP_UNMERGED, BranchPlan.decide(ours("feat/x"), PLAIN, UNMERGED).action());
  }

  @Test
  void a_branch_wt_did_not_create_is_kept_even_merged_or_forced() {
    for (Flags flags : new Flags[] {PLAIN, new Flags(true, false, false)}) {
      BranchPlan plan = BranchPlan.decide(users("feat/local-existing"), flags, NEVER);
      assertEquals(Action.KEEP, plan.action());
      assertTrue(plan.reason().contains("--delete-branch"), plan.reason());
    }
  }

  @Test
  void delete_branch_treats_the_users_branch_like_one_wt_created() {
    Flags delete = new Flags(false, false, true);
    assertEquals(Action.DELETE_MERGED, BranchPlan.decide(users("feat/u"), delete, MERGED).action());
    assertEquals(Action.KEEP_UNMERGED, BranchPlan.decide(users("feat/u"), delete, UNMERGED).action());
    assertEquals(Action.DELETE_FORCED, BranchPlan.decide(users("feat/u"), new Flags(true, false, true), UNMERGED).action());
  }

  @Test
  void force_deletes_an_unmerged_branch_wt_created_and_says_a_merged_one_went_because_it_was_merged() {
    BranchPlan plan = BranchPlan.decide(ours("feat/x"), new Flags(true, false, false), UNMERGED);
    assertEquals(Action.DELETE_FORCED, plan.action());
    assertEquals("not merged into origin/main, deleted by --force", plan.reason());
    assertTrue(plan.deletes());
    BranchPlan merged = BranchPlan.decide(ours("feat/x"), new Flags(true, false, false), MERGED);
    assertEquals(Action.DELETE_MERGED, merged.action());
    assertEquals("merged into origin/main", merged.reason());
    BranchPlan noBase = BranchPlan.decide(new Facts("feat/x", "origin/main", true, true, false),
        new Flags(true, false, false), NEVER);
    assertEquals(Action.DELETE_FORCED, noBase.action());
    assertTrue(noBase.reason().contains("cannot tell whether it is merged, deleted by --force"), noBase.reason());
  }

  @Test
  void keep_branch_the_base_a_missing_branch_and_a_detached_head_delete_nothing() {
    assertEquals(Action.KEEP, BranchPlan.decide(ours("feat/x"), new Flags(true, true, false), NEVER).action());
    assertEquals(Action.KEEP, BranchPlan.decide(ours("main"), new Flags(true, false, true), NEVER).action());
    assertEquals(Action.GONE, BranchPlan.decide(new Facts("feat/x", "main", false, true, true), PLAIN, NEVER).action());
    assertEquals(Action.DETACHED, BranchPlan.decide(new Facts(null, "main", false, true, true), PLAIN, NEVER).action());
    assertFalse(BranchPlan.decide(new Facts(null, "main", false, true, true), PLAIN, NEVER).deletes());
  }

  @Test
  void without_a_base_an_unforced_down_cannot_tell_and_keeps_it() {
    BranchPlan plan = BranchPlan.decide(new Facts("feat/x", "origin/main", true, true, false), PLAIN, NEVER);
    assertEquals(Action.KEEP_UNMERGED, plan.action());
    assertTrue(plan.reason().contains("does not exist"), plan.reason());
  }
}
