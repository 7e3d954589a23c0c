package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The repository key keeps the names already on disk and on servers (golden values). */
class RepoKeyTest {

  private static final Path COMMON = Path.of("/home/me/src/My App/.git");

  @Test
  void the_mark_in_database_comments_is_the_first_8_hex_of_the_sha1_of_the_common_dir() {
    assertEquals("dbc1706d", RepoKey.of(COMMON).mark());
  }

  @Test
  void the_server_name_is_the_folder_prefix_and_the_first_12_hex() {
    assertEquals("my_app-dbc1706ddb8d", RepoKey.of(COMMON).serverName("My App"));
  }

  @Test
  void a_key_is_a_whole_sha1() {
    assertThrows(IllegalArgumentException.class, () -> new RepoKey("dbc1706d"));
  }
}
