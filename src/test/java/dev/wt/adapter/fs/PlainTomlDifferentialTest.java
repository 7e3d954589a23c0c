package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PlainToml against jackson-dataformat-toml, the reader it replaces: the same plain values for every
 * TOML document in the repository and a corpus of edge cases, the same refusals, and each place where
 * Jackson departs from TOML 1.0 named with both answers.
 */
class PlainTomlDifferentialTest {

  private static final TomlMapper JACKSON = new TomlMapper();

  @Test
  void every_toml_file_in_the_repository_reads_as_jackson_reads_it() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(""))) {
      files = walk.filter(p -> p.toString().endsWith(".toml"))
          .filter(p -> !p.startsWith("target") && !p.startsWith(".git")).sorted().toList();
    }
    assertTrue(files.size() >= 9, "the examples alone hold nine: " + files);
    for (Path file : files) {
      String text = Files.readString(file);
      assertEquals(jackson(text), PlainToml.parse(text), file.toString());
    }
  }

  @Test
  void toml_blocks_in_the_documentation_read_as_jackson_reads_them() throws IOException {
    List<String> blocks = new ArrayList<>();
    try (Stream<Path> walk = Stream.concat(Files.walk(Path.of("docs")), Stream.of(Path.of("README.md")))) {
      for (Path md : walk.filter(p -> p.toString().endsWith(".md")).toList()) {
        blocks.addAll(fenced(Files.readString(md)));
      }
    }
    assertTrue(blocks.size() >= 20, "docs/config.md alone holds fourteen");
    for (String block : blocks) {
      assertTrue(sameAsJackson(block), "a documented example is not TOML:\n" + block);
    }
  }

  @Test
  void configuration_text_written_by_the_tests_reads_as_jackson_reads_it() throws IOException {
    List<String> blocks = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Path.of("src/test/java"))) {
      for (Path java : walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().startsWith("PlainToml")).sorted().toList()) {
        String source = Files.readString(java);
        if (source.contains("wt.toml") || source.contains("wt.local.toml") || source.contains("wt-workspace.toml")) {
          blocks.addAll(textBlocks(source));
        }
      }
    }
    int valid = 0;
    for (String block : blocks) {
      valid += sameAsJackson(block) ? 1 : 0;
    }
    assertTrue(valid >= 20, valid + " of " + blocks.size() + " text blocks were TOML");
  }

  @Test
  void valid_edge_cases_read_as_jackson_reads_them() {
    for (String doc : PlainTomlTest.VALID) {
      Object jackson;
      try {
        jackson = jackson(doc);
      } catch (IOException e) {
        throw new AssertionError("Jackson refuses a corpus document: " + e.getMessage() + "\n" + doc, e);
      }
      assertEquals(jackson, PlainToml.parse(doc), doc);
    }
  }

  @Test
  void invalid_documents_are_refused_by_both() {
    for (PlainTomlTest.Invalid bad : PlainTomlTest.INVALID) {
      assertThrows(IOException.class, () -> jackson(bad.doc()), "Jackson accepts " + bad.doc());
    }
  }

  /** Where Jackson departs from TOML 1.0: each case gives Jackson's answer, then the spec's (ours). */
  @Test
  void where_jackson_departs_from_the_spec_plain_toml_follows_the_spec() throws IOException {
    // 19-digit decimal integers lose their leading digits in Jackson
    assertEquals(Map.of("a", 123456789L), jackson("a = 1234567890123456789"));
    assertEquals(Map.of("a", 1234567890123456789L), PlainToml.parse("a = 1234567890123456789"));
    assertEquals(Map.of("a", 6854775807L), jackson("a = 9223372036854775807"));
    assertEquals(Map.of("a", Long.MAX_VALUE), PlainToml.parse("a = 9223372036854775807"));
    assertEquals(Map.of("a", -6854775808L), jackson("a = -9223372036854775808"));
    assertEquals(Map.of("a", Long.MIN_VALUE), PlainToml.parse("a = -9223372036854775808"));
    // integers past 64 bits: "an error must be thrown"; Jackson gives a BigInteger (and drops a minus)
    assertEquals(Map.of("a", new BigInteger("9223372036854775808")), jackson("a = 9223372036854775808"));
    assertEquals(Map.of("a", new BigInteger("9223372036854775809")), jackson("a = -9223372036854775809"));
    assertEquals(Map.of("a", new BigInteger("18446744073709551615")), jackson("a = 0xFFFFFFFFFFFFFFFF"));
    refused("a = 9223372036854775808", "does not fit in 64 bits");
    refused("a = -9223372036854775809", "does not fit in 64 bits");
    refused("a = 0xFFFFFFFFFFFFFFFF", "does not fit in 64 bits");
    // negative zero: Jackson reads floats as BigDecimal, which has no sign for zero
    assertEquals(Map.of("a", 0.0), jackson("a = -0.0"));
    assertEquals(Map.of("a", -0.0), PlainToml.parse("a = -0.0"));
    // dates and times that do not exist: Jackson passes the text on unchecked
    for (String doc : List.of("a = 1979-02-30", "a = 2021-13-01", "a = 2021-00-10", "a = 25:00:00",
        "a = 07:60:00", "a = 1979-05-27T07:32:00+24:00", "a = 1979-05-27T07:32:61")) {
      assertEquals(Map.of("a", doc.substring(4)), jackson(doc));
      refused(doc, "line 1, column 5: ");
    }
    // a lone surrogate escape names no Unicode character
    assertEquals(Map.of("a", "\uD800"), jackson("a = \"\\uD800\""));
    refused("a = \"\\uD800\"", "names no Unicode character");
    // dotted keys may not add to a table that has its own header (toml-test table/append-with-dotted-keys)
    assertEquals(Map.of("a", Map.of("b", Map.of("c", Map.of("z", 9L, "t", 9L)))),
        jackson("[a.b.c]\nz = 9\n[a]\nb.c.t = 9"));
    refused("[a.b.c]\nz = 9\n[a]\nb.c.t = 9", "line 4, column 1: table 'a.b.c' has a header of its own");
    assertEquals(Map.of("t", Map.of("n", Map.of("x", 2L))), jackson("[t.n]\n[t]\nn.x = 2"));
    refused("[t.n]\n[t]\nn.x = 2", "line 3, column 1: table 't.n' has a header of its own");
    assertEquals(Map.of("t", Map.of("a", List.of(Map.of("y", 1L)))), jackson("[[t.a]]\n[t]\na.y = 1"));
    refused("[[t.a]]\n[t]\na.y = 1", "line 3, column 1: key 't.a' already holds an array");
    // "z" for UTC is as valid as "Z" (the ABNF is case-insensitive); Jackson refuses it
    assertThrows(IOException.class, () -> jackson("a = 1979-05-27T07:32:00z"));
    assertEquals(Map.of("a", "1979-05-27T07:32:00z"), PlainToml.parse("a = 1979-05-27T07:32:00z"));
    assertEquals(Map.of("a", "1979-05-27T00:32:00.5z"), PlainToml.parse("a = 1979-05-27T00:32:00.5z"));
    // an exponent past what BigDecimal holds: a valid float that rounds to infinity, as binary64 does
    assertThrows(IOException.class, () -> jackson("a = 9e23372036854775807"));
    assertEquals(Map.of("a", Double.POSITIVE_INFINITY), PlainToml.parse("a = 9e23372036854775807"));
    // a byte order mark: Jackson refuses it, so TomlConfigLoader strips it before calling Jackson
    assertThrows(IOException.class, () -> jackson("\uFEFFa = 1"));
    assertEquals(Map.of("a", 1L), PlainToml.parse("\uFEFFa = 1"));
  }

  private static void refused(String doc, String message) {
    PlainToml.InvalidToml e = assertThrows(PlainToml.InvalidToml.class, () -> PlainToml.parse(doc), doc);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /** Both accept and agree, or both refuse; says which. */
  private static boolean sameAsJackson(String doc) {
    Object expected;
    try {
      expected = jackson(doc);
    } catch (IOException e) {
      assertThrows(PlainToml.InvalidToml.class, () -> PlainToml.parse(doc), "Jackson refuses, PlainToml accepts:\n" + doc);
      return false;
    }
    try {
      assertEquals(expected, PlainToml.parse(doc), doc);
    } catch (PlainToml.InvalidToml e) {
      fail("PlainToml refuses what Jackson accepts: " + e.getMessage() + "\n" + doc);
    }
    return true;
  }

  /** Jackson's tree, as the plain values PlainToml gives. */
  static Object jackson(String doc) throws IOException {
    return plain(JACKSON.readTree(doc));
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return new LinkedHashMap<>();
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), plain(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    if (node.isBigInteger()) {
      BigInteger big = node.bigIntegerValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    throw new AssertionError("unexpected node " + node.getNodeType());
  }

  /** The ```toml blocks of a Markdown page. */
  private static List<String> fenced(String markdown) {
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while ((from = markdown.indexOf("```toml\n", from)) >= 0) {
      int start = from + "```toml\n".length();
      int stop = markdown.indexOf("```", start);
      blocks.add(markdown.substring(start, stop));
      from = stop + 3;
    }
    return blocks;
  }

  /** The text blocks of a Java source, as the compiler reads them. */
  private static List<String> textBlocks(String java) {
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while ((from = java.indexOf("\"\"\"\n", from)) >= 0) {
      int start = from + 4;
      int stop = start;
      // the closing delimiter is the first """ not preceded by a backslash
      while ((stop = java.indexOf("\"\"\"", stop)) > 0 && java.charAt(stop - 1) == '\\') {
        stop++;
      }
      blocks.add(java.substring(start, stop).stripIndent().translateEscapes());
      from = stop + 3;
    }
    return blocks;
  }
}
