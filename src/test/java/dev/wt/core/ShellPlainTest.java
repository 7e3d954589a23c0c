package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shell and dotenv quoting decide "bare or quoted" with a character loop instead of the
 * regular expression they used (for {@code wt env}'s start-up): the same answer on every input.
 */
class ShellPlainTest {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern EXPANDED = Pattern.compile("\\$[{A-Za-z_]");
  private static final String ALPHABET = "aZ09_./:@%+=,-'\" $`\\#\n\t{}()!*?~é\u0000\ud83d\ude00";

  @Test
  void bare_exactly_when_the_old_pattern_said_so() {
    Random random = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(6); i > 0; i--) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String word = s.toString();
      String expected = PLAIN.matcher(word).matches() ? word : Shell.singleQuoted(word);
      assertEquals(expected, Shell.quote(word), word);
      assertEquals(word.isEmpty() || PLAIN.matcher(word).matches(), Shell.allPlain(word), word);
    }
  }

  @Test
  void names_and_expansions_as_the_old_patterns_said() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(5); i > 0; i--) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = s.toString();
      if (NAME.matcher(text).matches()) {
        assertEquals(text + "=x\n", EnvFormat.DOTENV.render(java.util.Map.of(text, "x")));
      } else {
        assertThrows(IllegalArgumentException.class, () -> EnvFormat.DOTENV.render(java.util.Map.of(text, "x")), text);
      }
      String why = EnvFormat.dotenvProblem("WT_X", text);
      boolean expandsOld = !PLAIN.matcher(text).matches() && !text.isEmpty() && text.indexOf('\r') < 0
          && EXPANDED.matcher(text).find();
      assertEquals(expandsOld, why != null && why.contains("$NAME"), text);
    }
  }
}
