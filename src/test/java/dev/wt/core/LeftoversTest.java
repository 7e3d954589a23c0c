package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which marks make a database, claim or container a dead worktree's: only exactly ours. */
class LeftoversTest {

  private static final String KEY = "1a2b3c4d";
  private static final String DEAD = "oauth_a1b2c3";
  private static final String LIVE = "billing_d4e5f6";

  private static boolean orphan(String name, String comment) {
    return Leftovers.orphanDatabase(name, comment, false, KEY, Set.of(LIVE), Set.of("shop", "shop_template"));
  }

  @Test
  void a_database_marked_by_this_repository_for_a_dead_slug_is_an_orphan() {
    assertTrue(orphan("shop_oauth_a1b2c3", OwnedDatabase.ownerComment("shop", DEAD, KEY)));
    assertTrue(orphan("shop_oauth_a1b2c3_wt_pull", OwnedDatabase.ownerComment("shop", DEAD, KEY)));
    assertTrue(orphan("x", OwnedDatabase.ownerComment("my:project", DEAD, KEY)), "a colon in the project name");
    assertTrue(orphan("shop_oauth_a1b2c3_wt_pull", OwnedDatabase.unfinished(OwnedDatabase.ownerComment("shop", DEAD, KEY))),
        "a staging copy a refill was filling");
  }

  @Test
  void an_unfinished_mark_is_still_this_repository_s_and_never_the_finished_one() {
    String owner = OwnedDatabase.ownerComment("shop", DEAD, KEY);
    String unfinished = OwnedDatabase.unfinished(owner);
    assertEquals("wt:shop:" + DEAD + " (unfinished) (repo " + KEY + ")", unfinished);
    assertTrue(OwnedDatabase.markedBy(unfinished, KEY));
    assertFalse(OwnedDatabase.markedByAnother(unfinished, KEY));
    assertEquals(owner, OwnedDatabase.finished(unfinished));
    assertEquals(owner, OwnedDatabase.finished(owner));
    assertEquals(null, OwnedDatabase.finished(null));
    assertEquals("my (unfinished) notes", OwnedDatabase.finished("my (unfinished) notes"));
    assertFalse(orphan("shop_oauth_a1b2c3", OwnedDatabase.unfinished(OwnedDatabase.ownerComment("shop", LIVE, KEY))));
  }

  @Test
  void everything_else_is_kept() {
    assertFalse(orphan("shop_billing_d4e5f6", OwnedDatabase.ownerComment("shop", LIVE, KEY)), "live worktree");
    assertFalse(orphan("shop_oauth_a1b2c3", null), "unmarked");
    assertFalse(orphan("shop_oauth_a1b2c3", "wt:shop:" + DEAD), "no repository key");
    assertFalse(orphan("shop_oauth_a1b2c3", OwnedDatabase.ownerComment("shop", DEAD, "ffffffff")), "another repository");
    assertFalse(orphan("shop_oauth_a1b2c3", "my notes: wt:shop:" + DEAD + " (repo " + KEY + ")"), "not a mark");
    assertFalse(orphan("shop_oauth_a1b2c3", "wt:shop:template:auto (repo " + KEY + ")"), "a template's mark");
    assertFalse(orphan("shop_oauth_a1b2c3", "wt:shop:template (repo " + KEY + ")"), "a template's mark");
    assertFalse(orphan("shop_oauth_a1b2c3", "wt:shop:Not_A_Slug (repo " + KEY + ")"), "not a slug");
    assertFalse(orphan("shop", OwnedDatabase.ownerComment("shop", DEAD, KEY)), "the main database");
    assertFalse(orphan("shop_template", OwnedDatabase.ownerComment("shop", DEAD, KEY)), "the template");
    assertFalse(orphan("postgres", OwnedDatabase.ownerComment("shop", DEAD, KEY)), "a system database");
    assertFalse(Leftovers.orphanDatabase("t", OwnedDatabase.ownerComment("shop", DEAD, KEY), true, KEY, Set.of(),
        Set.of()), "a database marked as a template");
  }

  @Test
  void claims_and_containers_name_their_repository_and_slug() {
    assertEquals(Optional.of(DEAD), Leftovers.claimSlug("/r/.git#" + DEAD, "/r/.git"));
    assertEquals(Optional.empty(), Leftovers.claimSlug("/r2/.git#" + DEAD, "/r/.git"));
    assertEquals(Optional.empty(), Leftovers.claimSlug("/r/.git2#" + DEAD, "/r/.git"), "a longer path is another repo");
    assertEquals(Optional.of(DEAD), Leftovers.containerSlug("wt-shop-abc-" + DEAD, "wt-shop-abc-"));
    assertEquals(Optional.empty(), Leftovers.containerSlug("wt-shop-abc-postgres", "wt-shop-abc-"));
    assertEquals(Optional.empty(), Leftovers.containerSlug("my-wt-shop-abc-" + DEAD, "wt-shop-abc-"));
  }
}
