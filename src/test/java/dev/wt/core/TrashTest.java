package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trash layout that down writes and gc reads. */
class TrashTest {

  private static final Instant AT = Instant.parse("2026-12-01T22:47:36.123Z");

  @Test
  void a_removal_gets_a_folder_named_by_slug_and_utc_time_under_the_common_dir() {
    Trash trash = Trash.of(Path.of("/repo/.git"));
    assertEquals(Path.of("/repo/.git/wt/trash"), trash.root());
    Path folder = trash.folderFor("oauth_v2_a1b2c3", AT);
    assertEquals(Path.of("/repo/.git/wt/trash/oauth_v2_a1b2c3-20261201T224736.123Z"), folder);
    assertEquals(Optional.of(AT), Trash.removedAt(folder.getFileName().toString()));
  }

  @Test
  void a_folder_expires_seven_days_after_the_removal() {
    String name = Trash.of(Path.of("/r")).folderFor("x_000000", AT).getFileName().toString();
    assertFalse(Trash.expired(name, AT.plus(Duration.ofDays(7))));
    assertTrue(Trash.expired(name, AT.plus(Duration.ofDays(7)).plusSeconds(1)));
  }

  @Test
  void folders_wt_did_not_name_never_expire_and_slugs_are_checked() {
    assertEquals(Optional.empty(), Trash.removedAt("notes"));
    assertFalse(Trash.expired("x-yesterday", AT.plus(Duration.ofDays(100))));
    assertThrows(IllegalArgumentException.class, () -> Trash.of(Path.of("/r")).folderFor("../x", AT));
  }

  @Test
  void removed_worktrees_wait_in_a_folder_that_is_no_removal_of_its_own() {
    Trash trash = Trash.of(Path.of("/repo/.git"));
    assertEquals(Path.of("/repo/.git/wt/trash/.deleting/x_000000-20261201T224736.123Z"),
        trash.deletionFor("x_000000", AT));
    assertEquals(Optional.empty(), Trash.removedAt(trash.deleting().getFileName().toString()));
    assertFalse(Trash.expired(".deleting", AT.plus(Duration.ofDays(100))));
  }
}
