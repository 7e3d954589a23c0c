package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The repository keys keep the names already on disk and on servers (golden values). */
class RepoKeyTest {

  private static final Path COMMON = Path.of("/home/me/src/My App/.git");
  private static final RepositoryId ID = new RepositoryId("0123456789abcdef0123456789abcdef");

  @Test
  void the_path_key_of_the_trust_list_and_of_legacy_marks_is_the_first_8_hex_of_the_sha1_of_the_common_dir() {
    assertEquals("dbc1706d", RepoKey.of(COMMON).mark());
  }

  @Test
  void the_server_name_is_the_folder_prefix_and_the_first_12_hex() {
    assertEquals("my_app-dbc1706ddb8d", RepoKey.of(COMMON).serverName("My App"));
  }

  @Test
  void the_mark_in_database_comments_is_8_hex_of_the_sha1_of_the_common_dir_a_line_end_and_the_id() {
    assertEquals("997d38bf", RepoKey.mark(COMMON, ID));
    assertEquals("9db98caa", RepoKey.mark(COMMON, new RepositoryId("fedcba9876543210fedcba9876543210")),
        "another machine's repository at the same path");
    assertEquals("4f7aa1fd", RepoKey.mark(Path.of("/home/me/src/My App copy/.git"), ID),
        "a copy of the repository (the same id) at another path");
  }

  @Test
  void a_key_is_a_whole_sha1() {
    assertThrows(IllegalArgumentException.class, () -> new RepoKey("dbc1706d"));
  }

  @Test
  void an_id_is_one_line_of_32_to_128_lower_case_hex_digits() {
    assertEquals(Optional.of(ID), RepositoryId.parse("0123456789abcdef0123456789abcdef\n"));
    assertEquals(Optional.of(ID), RepositoryId.parse("0123456789abcdef0123456789abcdef"));
    assertTrue(RepositoryId.parse("a".repeat(128) + "\n").isPresent());
    for (String bad : new String[] {"", "\n", "a".repeat(31), "a".repeat(129), "A".repeat(32), "g".repeat(32),
        "a".repeat(32) + "\n\n", "a".repeat(32) + "\r\n", " " + "a".repeat(32)}) {
      assertEquals(Optional.empty(), RepositoryId.parse(bad), bad);
      assertFalse(RepositoryId.valid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new RepositoryId("abc"));
    assertEquals("0123456789abcdef0123456789abcdef\n", ID.contents());
  }
}
