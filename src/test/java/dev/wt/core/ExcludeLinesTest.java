package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExcludeLinesTest {

  private static final String H = ExcludeLines.HEADER;
  private static final String E = ExcludeLines.END;

  @Test
  void appends_only_missing_lines_in_a_block_of_their_own_never_into_the_users_lines_after_wts() {
    assertEquals(H + "\n/.env\n" + E + "\n", ExcludeLines.toAppend("", List.of("/.env")));
    assertEquals("", ExcludeLines.toAppend("x\n" + H + "\n/.env\n" + E + "\n", List.of("/.env")));
    assertEquals(H + "\n/s.json\n" + E + "\n",
        ExcludeLines.toAppend("x\n" + H + "\n/.env\n/prod.json\n", List.of("/.env", "/s.json")));
    assertEquals("\n" + H + "\n/s.json\n" + E + "\n", ExcludeLines.toAppend(H + "\n/.env\n*.log", List.of("/s.json")));
  }

  @Test
  void a_line_names_exactly_its_file_whatever_characters_git_would_take_for_a_pattern() {
    assertEquals("/.env.local", ExcludeLines.line(".env.local"));
    assertEquals("/\\*", ExcludeLines.line("*"));
    assertEquals("/a\\[b\\]\\?c\\\\d", ExcludeLines.line("a[b]?c\\d"));
    assertEquals("/x \\ ", ExcludeLines.line("x  "), "a trailing space is kept, which git would drop");
    assertEquals("/!x #y", ExcludeLines.line("!x #y"), "after the anchoring / neither ! nor # means anything");
  }

  @Test
  void removes_only_lines_to_drop_inside_wts_blocks_and_blocks_left_empty() {
    String text = "# mine\n/.env\n" + H + "\n/.env\n/mine.json\n/s.json\n" + E + "\n/prod.json\n";
    assertEquals("# mine\n/.env\n" + H + "\n/mine.json\n/s.json\n" + E + "\n/prod.json\n",
        ExcludeLines.without(text, Set.of("/.env")));
    assertEquals("# mine\n/.env\n" + H + "\n/mine.json\n" + E + "\n/prod.json\n",
        ExcludeLines.without(text, Set.of("/.env", "/s.json", "/prod.json")));
    assertEquals("# mine\n/.env\n/prod.json\n",
        ExcludeLines.without("# mine\n/.env\n" + H + "\n/.env\n" + E + "\n/prod.json\n", Set.of("/.env")));
  }

  @Test
  void an_older_block_without_an_end_line_ends_at_the_first_line_not_a_path_and_keeps_the_users_paths() {
    String text = H + "\n/.env\n/prod.json\n*.log\n/late.json\n";
    assertEquals(H + "\n/prod.json\n*.log\n/late.json\n", ExcludeLines.without(text, Set.of("/.env", "/late.json")));
    assertEquals("*.log\n/late.json\n", ExcludeLines.without(H + "\n/.env\n*.log\n/late.json\n", Set.of("/.env", "/late.json")));
  }
}
