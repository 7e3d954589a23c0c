package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JSON text to plain values and back: Jackson's layout to the byte, and malformed text named by line and column. */
class PlainJsonTest {

  private static final ObjectMapper JACKSON = Json.mapper();

  @Test
  void values_parse_as_plain_java_types_in_key_order() {
    Map<?, ?> m = (Map<?, ?>) PlainJson.parse(
        "{\"z\":1,\"a\":-2,\"m\":1.5,\"e\":1e3,\"t\":true,\"f\":false,\"n\":null,\"l\":[],\"o\":{},\"s\":\"x\"}");
    assertEquals(List.of("z", "a", "m", "e", "t", "f", "n", "l", "o", "s"), new ArrayList<>(m.keySet()));
    assertEquals(1L, m.get("z"));
    assertEquals(-2L, m.get("a"));
    assertEquals(1.5, m.get("m"));
    assertEquals(1000.0, m.get("e"));
    assertEquals(true, m.get("t"));
    assertEquals(false, m.get("f"));
    assertNull(m.get("n"));
    assertInstanceOf(ArrayList.class, m.get("l"));
    assertInstanceOf(LinkedHashMap.class, m.get("o"));
    assertEquals("x", m.get("s"));
  }

  @Test
  void whole_numbers_past_a_long_are_big_integers() {
    assertEquals(Long.MAX_VALUE, PlainJson.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, PlainJson.parse("-9223372036854775808"));
    assertEquals(new BigInteger("9223372036854775808"), PlainJson.parse("9223372036854775808"));
    assertEquals(new BigInteger("-123456789012345678901234567890"), PlainJson.parse("-123456789012345678901234567890"));
    assertEquals(0L, PlainJson.parse("-0"));
  }

  @Test
  void escapes_and_a_byte_order_mark_are_read() {
    assertEquals("\"\\/\b\f\n\r\té😀\u0000", PlainJson.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\u0000\""));
    assertEquals(Map.of("a", 1L), PlainJson.parse("\uFEFF { \"a\" : 1 }\n"));
  }

  @Test
  void malformed_text_is_refused_on_one_line_naming_where() {
    Map<String, String> where = new LinkedHashMap<>();
    where.put("{\n  \"a\" : 1,\n}", "line 3, column 1");
    where.put("[1 2]", "line 1, column 4");
    where.put("{'a': 1}", "line 1, column 2");
    where.put("", "line 1, column 1");
    where.put("  \n ", "line 2, column 2");
    where.put("\"abc", "line 1, column 5");
    where.put("\"a\u0001\"", "line 1, column 3");
    where.put("01", "line 1, column 2");
    where.put("1.", "line 1, column 3");
    where.put("-", "line 1, column 2");
    where.put("[tru]", "line 1, column 2");
    where.put("[1,]", "line 1, column 4");
    where.put("{\"a\"}", "line 1, column 5");
    where.put("\"\\x\"", "line 1, column 3");
    where.put("\"\\u12\"", "line 1, column 6");
    where.put("{\"a\":1", "line 1, column 7");
    where.put("[1e]", "line 1, column 4");
    where.put("NaN", "line 1, column 1");
    where.forEach((text, at) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainJson.parse(text), text);
      assertTrue(e.getMessage().endsWith("(" + at + ")"), text + " -> " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      // Jackson refused each of them as well
      assertThrows(Exception.class, () -> JACKSON.readValue(text, Object.class), text);
    });
  }

  @Test
  void text_after_the_value_is_refused() {
    // Jackson's readValue stopped after the first value; a state file with more is damaged
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainJson.parse("{\"a\":1} }"));
    assertEquals("unexpected '}' after the JSON value (line 1, column 9)", e.getMessage());
  }

  @Test
  void deep_nesting_is_refused_without_exhausting_the_stack() {
    String deep = "[".repeat(100_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainJson.parse(deep));
    assertTrue(e.getMessage().startsWith("nested deeper than"), e.getMessage());
  }

  @Test
  void empty_and_nested_containers_are_laid_out_as_jackson_does() throws Exception {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("emptyMap", Map.of());
    v.put("emptyList", List.of());
    v.put("nested", List.of(List.of(1L, 2L), List.of(), Map.of(), Map.of("a", List.of(Map.of("b", 1L)))));
    v.put("doubles", List.of(1.0, 1e20, 1.5e-7, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
    v.put("big", new BigInteger("123456789012345678901234567890"));
    v.put("controls", "\u0000\u0001\u001f\b\t\n\f\r\u007f\u0080\u2028\"\\/");
    assertEquals(new String(JACKSON.writeValueAsBytes(v), StandardCharsets.UTF_8), PlainJson.write(v));
    assertEquals("[ ]", PlainJson.write(List.of()));
    assertEquals("{ }", PlainJson.write(Map.of()));
    assertEquals("null", PlainJson.write(null));
  }

  @Test
  void random_values_are_written_as_jacksons_bytes_and_parse_back_equal() throws Exception {
    for (long seed = 0; seed < 500; seed++) {
      Object v = value(new Random(seed), 0);
      String text = PlainJson.write(v);
      assertArrayEquals(JACKSON.writeValueAsBytes(v), text.getBytes(StandardCharsets.UTF_8), "seed " + seed);
      assertEquals(v, PlainJson.parse(text), "seed " + seed);
      assertEquals(v, PlainJson.parse(JACKSON.writeValueAsString(JACKSON.readTree(text))), "seed " + seed);
    }
  }

  private static Object value(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> null;
      case 1 -> rnd.nextBoolean();
      case 2 -> rnd.nextInt(3) == 0 ? rnd.nextLong() : (long) rnd.nextInt(100);
      case 3 -> rnd.nextInt(3) == 0 ? rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20) : rnd.nextInt(50) / 4.0;
      case 4 -> rnd.nextBoolean() ? new BigInteger(100, rnd).setBit(70) : text(rnd);
      case 5 -> text(rnd);
      case 6 -> {
        List<Object> list = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          list.add(value(rnd, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          map.put(text(rnd) + i, value(rnd, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String text(Random rnd) {
    char[] chars = new char[rnd.nextInt(8)];
    for (int i = 0; i < chars.length; i++) {
      int pick = rnd.nextInt(4);
      chars[i] = (char) (pick == 0 ? rnd.nextInt(0x80) : pick == 1 ? rnd.nextInt(0x20) : 'a' + rnd.nextInt(26));
    }
    String s = new String(chars);
    return rnd.nextInt(5) == 0 ? s + Arrays.asList("é", "日", "😀", "\u2028", "\uFEFF").get(rnd.nextInt(5)) : s;
  }
}
