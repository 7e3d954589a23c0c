package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Enums stand for the same words they replaced. */
class WordsTest {

  @Test
  void a_constant_is_its_name_in_lower_case_with_dashes() {
    assertEquals("embedded", ServerMode.EMBEDDED.toString());
    assertEquals("sqlite", DbEngine.SQLITE.toString());
    assertEquals("include", GeneratedFile.Kind.INCLUDE.toString());
  }

  @Test
  void a_word_finds_its_constant_and_no_other() {
    assertEquals(Optional.of(DbFill.PULL), Words.parse(DbFill.class, "pull"));
    assertEquals(Optional.empty(), Words.parse(DbFill.class, "PULL"));
    assertEquals(Optional.empty(), Words.parse(DbFill.class, null));
  }

  @Test
  void the_file_mode_of_sqlite_is_not_a_postgres_mode() {
    assertEquals(ServerMode.FILE, ServerMode.of("file"));
    assertEquals(false, ServerMode.isConfigurable("file"));
  }
}
