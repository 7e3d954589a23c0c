package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.EnvReaders;
import dev.wt.testing.EnvReaders.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values rendered in each format and read back by the program that reads that format:
 * every value comes back byte for byte and nothing runs (the payloads would create a canary file).
 */
class EnvFormatRoundTripTest {

  @TempDir Path tmp;

  /** The table; {@code CANARY} is replaced by the path a payload that runs would create. */
  private static Map<String, String> hostile(Path canary) {
    String c = canary.toString();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("PLAIN", "http://localhost:3100/x?a=b,c@d%20+e");
    v.put("EMPTY", "");
    v.put("SINGLE", "it's");
    v.put("DOUBLE", "say \"hi\"");
    v.put("CMD", "$(touch " + c + ")");
    v.put("CMD_IFS", "$(touch${IFS}" + c + ")");
    v.put("BACKQUOTE", "`touch " + c + "`");
    v.put("SEMICOLON", "x; touch " + c);
    v.put("DOLLARS", "$5, $(, $1 and a lone $");
    v.put("BRACES", "a${IFS}b");
    v.put("DOLLAR_NAME", "$HOME");
    v.put("BACKSLASH", "C:\\dir\\file \\n \\t");
    v.put("TWO_BACKSLASHES", "a\\\\b");
    v.put("TRAILING_BACKSLASH", "end\\");
    v.put("NEWLINE", "line1\nline2\n");
    v.put("LOOKALIKE", "x\nEVIL='1'\nexport MORE=2");
    v.put("QUOTE_NEWLINE", "it's\nB=evil");
    v.put("DQUOTE_NEWLINE", "a\"\nB=\"evil");
    v.put("CR", "a\rb");
    v.put("CRLF", "a\r\n");
    v.put("TAB", "a\tb");
    v.put("HASH", "a #b");
    v.put("HASH_START", "#start");
    v.put("EQUALS", "a=b=c");
    v.put("SPACES", "  padded  ");
    v.put("UNICODE", "café ☕ 日本 \u2028 ü");
    v.put("GLOB", "* ~/x [a]");
    v.put("DASH", "-e");
    v.put("BOTH_QUOTES", "it's \"x\"");
    v.put("QUOTE_CMD", "it's $(touch " + c + ")");
    v.put("QUOTE_BACKQUOTE", "it's `touch " + c + "`");
    v.put("BRANCH", "feat/it'\"'\"'s$(touch${IFS}" + c + ")");
    return v;
  }

  /** What the dotenv form refuses (docs/config.md lists the same): everything else must be written. */
  private static final Set<String> DOTENV_REFUSED = Set.of("TWO_BACKSLASHES", "TRAILING_BACKSLASH", "CR", "CRLF",
      "BOTH_QUOTES", "QUOTE_CMD", "QUOTE_BACKQUOTE", "BRANCH");
  /**
   * Written as they are, but python-dotenv, Next.js and Vite expand them on load (what {@code $${}
   * in [env.vars] is for); so in wt's own {@code WT_*} values they are left out too.
   */
  private static final Set<String> EXPANDED_ON_LOAD = Set.of("CMD_IFS", "BRACES", "DOLLAR_NAME");

  static Stream<Reader> readers() {
    List<Reader> all = new ArrayList<>();
    all.addAll(EnvReaders.shells(EnvFormat.SH));
    all.add(EnvReaders.fish());
    all.add(EnvReaders.python());
    all.add(EnvReaders.node());
    all.addAll(EnvReaders.shells(EnvFormat.DOTENV)); // the env file is also sourced by scripts
    all.add(EnvReaders.nodeJson());
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void every_value_the_format_carries_reads_back_exactly_and_nothing_runs(Reader reader) throws Exception {
    EnvReaders.assumeInstalled(reader);
    Path canary = tmp.resolve("canary");
    Map<String, String> values = hostile(canary);
    Map<String, String> rendered = new LinkedHashMap<>(values);
    if (reader.format() == EnvFormat.DOTENV) {
      values.keySet().removeAll(DOTENV_REFUSED);
      rendered.keySet().removeAll(DOTENV_REFUSED);
      DOTENV_REFUSED.forEach(k -> rendered.put("WT_" + k, hostile(canary).get(k))); // wt's own: left out
      EXPANDED_ON_LOAD.forEach(k -> rendered.put("WT_" + k, hostile(canary).get(k)));
      if (reader.name().equals("python-dotenv")) {
        values.keySet().removeAll(EXPANDED_ON_LOAD); // its default interpolation, documented
      }
    }
    Path file = tmp.resolve("vars");
    Files.writeString(file, reader.format() == EnvFormat.DOTENV ? EnvFormat.envFile(rendered) : reader.format().render(values));

    Map<String, String> read = EnvReaders.read(reader, file, tmp);

    assertFalse(Files.exists(canary), reader + " ran a payload:\n" + Files.readString(file));
    for (Map.Entry<String, String> e : values.entrySet()) {
      assertEquals(e.getValue(), read.get(e.getKey()), reader + " read " + e.getKey() + " from:\n" + Files.readString(file));
    }
    if (reader.format() == EnvFormat.DOTENV) {
      for (String k : union()) {
        assertFalse(read.containsKey("WT_" + k), reader + " got WT_" + k + " from:\n" + Files.readString(file));
        assertTrue(Files.readString(file).contains("# WT_" + k + " is left out: its value holds "), Files.readString(file));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void dotenv_refuses_exactly_the_values_sh_and_dotenv_libraries_would_read_differently() {
    Set<String> refused = new TreeSet<>();
    hostile(tmp.resolve("canary")).forEach((k, v) -> {
      try {
        EnvFormat.DOTENV.render(Map.of(k, v));
      } catch (WtException e) {
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().startsWith(k + " cannot be written in dotenv form: its value holds "), e.getMessage());
        assertFalse(e.getMessage().contains(v), "the value itself (maybe a secret) is never printed: " + e.getMessage());
        refused.add(k);
      }
    });
    assertEquals(new TreeSet<>(DOTENV_REFUSED), refused);
    assertEquals(union().stream().map(k -> "WT_" + k).collect(java.util.stream.Collectors.toSet()),
        EnvFormat.leftOutOfDotenv(prefixed(hostile(tmp.resolve("canary")))).keySet(), "wt's own values are left out instead");
  }

  private static Set<String> union() {
    Set<String> all = new TreeSet<>(DOTENV_REFUSED);
    all.addAll(EXPANDED_ON_LOAD);
    return all;
  }

  private static Map<String, String> prefixed(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put("WT_" + k, v));
    return out;
  }

  @org.junit.jupiter.api.Test
  void sh_fish_and_json_carry_every_value() {
    Map<String, String> all = hostile(tmp.resolve("canary"));
    for (EnvFormat f : List.of(EnvFormat.SH, EnvFormat.FISH, EnvFormat.JSON)) {
      f.render(all); // throws on a value it cannot carry
    }
    assertThrows(IllegalArgumentException.class, () -> EnvFormat.SH.render(Map.of("A;touch x", "1")));
  }
}
