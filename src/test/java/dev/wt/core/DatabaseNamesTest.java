package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Database names fit PostgreSQL's 63 bytes with their prefix by shortening the readable part only. */
class DatabaseNamesTest {

  @Test
  void a_short_name_is_prefix_slug() {
    assertEquals("app_x_d6e256", DatabaseNames.of("app", WorktreeIdentity.derive("feat/x")));
    assertEquals("world_oauth_v2_b2b4c8", DatabaseNames.of("world", WorktreeIdentity.derive("feat/oauth_v2")));
  }

  @Test
  void a_long_prefix_shortens_the_readable_part_and_keeps_the_hash() {
    WorktreeIdentity id = WorktreeIdentity.derive("x".repeat(300));
    String prefix = "p".repeat(40);
    String db = DatabaseNames.of(prefix, id);
    assertEquals(prefix + "_" + "x".repeat(15) + "_02fd68", db);
    assertEquals(63, db.length());
  }

  @Test
  void the_longest_prefix_leaves_one_readable_character() {
    String prefix = "p".repeat(54);
    assertTrue(DatabaseNames.validPrefix(prefix));
    assertEquals(prefix + "_l_264e48", DatabaseNames.of(prefix, WorktreeIdentity.derive("FEATURE/Login-Page")));
  }

  @Test
  void a_cut_never_ends_on_a_separator() {
    // readable "login_page": 63 - 49 - 2 - 6 = 6 characters room gives "login_", trimmed to "login"
    String prefix = "p".repeat(49);
    assertEquals(prefix + "_login_264e48", DatabaseNames.of(prefix, WorktreeIdentity.derive("FEATURE/Login-Page")));
  }

  @Test
  void prefixes_that_are_not_plain_identifiers_or_leave_no_room_are_refused() {
    assertFalse(DatabaseNames.validPrefix("p".repeat(55)));
    assertFalse(DatabaseNames.validPrefix("App"));
    assertFalse(DatabaseNames.validPrefix("1app"));
    assertFalse(DatabaseNames.validPrefix("my-app"));
    assertFalse(DatabaseNames.validPrefix(""));
    assertFalse(DatabaseNames.validPrefix(null));
    assertTrue(DatabaseNames.validPrefix("_app2"));
    WorktreeIdentity id = WorktreeIdentity.derive("feat/x");
    assertThrows(IllegalArgumentException.class, () -> DatabaseNames.of("My-App", id));
  }
}
