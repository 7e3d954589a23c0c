package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotenvTest {

  @Test
  void reads_the_forms_dotenv_files_use() {
    String text = """
        # comment
        export PLAIN=postgresql://a@h/db # trailing comment
        DOUBLE="postgresql://u:p#w@h/db?sslmode=require"
        SINGLE='it''s'
        ESC="line\\nnext \\"q\\""
        EMPTY=
        TWICE=first
        TWICE=second
        """;
    assertEquals(Optional.of("postgresql://a@h/db"), Dotenv.value(text, "PLAIN"));
    assertEquals(Optional.of("postgresql://u:p#w@h/db?sslmode=require"), Dotenv.value(text, "DOUBLE"));
    assertEquals(Optional.of("it"), Dotenv.value(text, "SINGLE"));
    assertEquals(Optional.of("line\nnext \"q\""), Dotenv.value(text, "ESC"));
    assertEquals(Optional.of(""), Dotenv.value(text, "EMPTY"));
    assertEquals(Optional.of("second"), Dotenv.value(text, "TWICE"));
    assertEquals(Optional.empty(), Dotenv.value(text, "MISSING"));
  }
}
