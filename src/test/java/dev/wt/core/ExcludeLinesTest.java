package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExcludeLinesTest {

  private static final String H = ExcludeLines.HEADER;

  @Test
  void appends_only_missing_lines_and_a_header_only_when_the_file_does_not_end_in_wts_block() {
    assertEquals(H + "\n/.env\n", ExcludeLines.toAppend("", List.of("/.env")));
    assertEquals("", ExcludeLines.toAppend("x\n" + H + "\n/.env\n", List.of("/.env")));
    assertEquals("/s.json\n", ExcludeLines.toAppend("x\n" + H + "\n/.env\n", List.of("/.env", "/s.json")));
    assertEquals("\n" + H + "\n/s.json\n", ExcludeLines.toAppend(H + "\n/.env\n*.log", List.of("/s.json")));
  }

  @Test
  void removes_wts_lines_not_kept_and_empty_headers_never_the_users_lines() {
    String text = "# mine\n/.env\n" + H + "\n/.env\n/s.json\n*.log\n";
    assertEquals("# mine\n/.env\n" + H + "\n/s.json\n*.log\n", ExcludeLines.without(text, Set.of("/s.json")));
    assertEquals("# mine\n/.env\n*.log\n", ExcludeLines.without(text, Set.of()));
  }
}
