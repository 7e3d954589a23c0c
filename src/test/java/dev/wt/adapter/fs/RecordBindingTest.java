package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Records to plain values and back, the lenient way (state files) and the strict way (configuration). */
class RecordBindingTest {

  enum Shade {
    LIGHT_GREY, DARK;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  record Inner(int n) {
    Inner {
      if (n < 0) {
        throw new IllegalArgumentException("inner.n must not be negative: " + n);
      }
    }
  }

  record Sample(String name, int count, boolean on, long big, double ratio, Integer boxed, Shade shade, Instant at,
      List<Integer> range, Set<String> tags, Map<String, String> vars, Object raw, Inner inner, List<Inner> inners) {}

  @Test
  void a_record_goes_to_plain_values_in_component_order_and_comes_back_equal() {
    Sample s = new Sample("x\"y", 7, true, Long.MAX_VALUE, 0.25, null, Shade.LIGHT_GREY,
        Instant.parse("2026-11-30T10:15:30.123456Z"), List.of(3100, 3999), new LinkedHashSet<>(List.of("b", "a")),
        Map.of("K", "v"), Map.of("any", List.of(1L)), new Inner(2), List.of(new Inner(0), new Inner(1)));
    Map<?, ?> plain = (Map<?, ?>) RecordBinding.lenient().toPlain(s);
    assertEquals(List.of("name", "count", "on", "big", "ratio", "boxed", "shade", "at", "range", "tags", "vars", "raw",
        "inner", "inners"), new ArrayList<>(plain.keySet()));
    assertEquals("light-grey", plain.get("shade"));
    assertEquals("2026-11-30T10:15:30.123456Z", plain.get("at"));
    assertEquals(Map.of("n", 2), plain.get("inner"));
    assertEquals(s, RecordBinding.lenient().read(PlainJson.parse(PlainJson.write(plain)), Sample.class));
    assertEquals(s, RecordBinding.strict().read(snake(plain), Sample.class));
  }

  @Test
  void components_named_to_be_omitted_stay_out_only_while_null() {
    RecordBinding b = RecordBinding.lenient().omittingEmpty(Sample.class, "boxed", "inner");
    Map<?, ?> without = (Map<?, ?>) b.toPlain(new Sample(null, 0, false, 0, 0, null, null, null, null, null, null,
        null, null, null));
    assertFalse(without.containsKey("boxed") || without.containsKey("inner"));
    assertTrue(without.containsKey("name") && without.get("name") == null, "other nulls are written as null");
    Map<?, ?> with = (Map<?, ?>) b.toPlain(new Sample(null, 0, false, 0, 0, 5, null, null, null, null, null, null,
        new Inner(1), null));
    assertEquals(5, with.get("boxed"));
    assertEquals(Map.of("n", 1), with.get("inner"));
    // a name that is no component would leave the field in the file unnoticed
    RecordBinding typo = RecordBinding.lenient().omittingEmpty(Inner.class, "m");
    assertThrows(IllegalStateException.class, () -> typo.toPlain(new Inner(1)));
  }

  @Test
  void missing_primitives_are_zero_or_false_in_both_modes() {
    for (RecordBinding b : List.of(RecordBinding.lenient(), RecordBinding.strict())) {
      Sample s = b.read(Map.of(), Sample.class);
      assertEquals(0, s.count());
      assertFalse(s.on());
      assertEquals(0L, s.big());
      assertEquals(0.0, s.ratio());
      assertNull(s.name());
      assertNull(s.boxed());
    }
  }

  @Test
  void a_null_primitive_is_zero_when_lenient_and_an_error_when_strict() {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("on", null);
    assertFalse(RecordBinding.lenient().read(plain, Sample.class).on());
    RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class, () -> RecordBinding.strict().read(plain, Sample.class));
    assertEquals("on", m.path());
    assertEquals("expected true or false", m.detail());
  }

  @Test
  void the_lenient_binding_converts_scalars_the_strict_one_names_the_type_it_wanted() {
    Map<String, Object> plain = Map.of("name", 5L, "count", "12", "on", "true", "ratio", "0.5", "big", 3.9);
    Sample s = RecordBinding.lenient().read(plain, Sample.class);
    assertEquals("5", s.name());
    assertEquals(12, s.count());
    assertTrue(s.on());
    assertEquals(0.5, s.ratio());
    assertEquals(3L, s.big());
    Map<String, String> wanted = Map.of("name", "expected a string", "count", "expected a whole number", "on",
        "expected true or false", "ratio", "expected a number", "big", "expected a whole number");
    wanted.forEach((key, detail) -> {
      RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class,
          () -> RecordBinding.strict().read(Map.of(key, plain.get(key)), Sample.class), key);
      assertEquals(key, m.path());
      assertEquals(detail, m.detail());
      assertFalse(m.refused());
    });
  }

  @Test
  void the_path_leads_through_tables_lists_and_maps() {
    RecordBinding strict = RecordBinding.strict();
    assertEquals("range[1]: expected a whole number", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("range", List.of(1L, "x")), Sample.class)).getMessage());
    assertEquals("vars.K: expected a string", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("vars", Map.of("K", true)), Sample.class)).getMessage());
    assertEquals("inners[1].n: expected a whole number", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("inners", List.of(Map.of("n", 1L), Map.of("n", "2"))), Sample.class)).getMessage());
    assertEquals("inner: expected a table", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("inner", List.of()), Sample.class)).getMessage());
    assertEquals("range: expected a list of whole numbers", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("range", 5L), Sample.class)).getMessage());
    assertEquals("shade: expected one of light-grey, dark", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("shade", "LIGHT_GREY"), Sample.class)).getMessage());
    assertEquals("count: 3000000000 is out of range (-2147483648 to 2147483647)", assertThrows(
        RecordBinding.Mismatch.class, () -> strict.read(Map.of("count", 3_000_000_000L), Sample.class)).getMessage());
    assertEquals("big: 99999999999999999999 is out of range", assertThrows(RecordBinding.Mismatch.class,
        () -> strict.read(Map.of("big", new BigInteger("99999999999999999999")), Sample.class)).getMessage());
  }

  @Test
  void an_unknown_key_is_skipped_when_lenient_and_named_with_the_known_ones_when_strict() {
    assertEquals(new Inner(1), RecordBinding.lenient().read(Map.of("n", 1L, "later", Map.of()), Inner.class));
    RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class,
        () -> RecordBinding.strict().read(Map.of("inner", Map.of("m", 1L)), Sample.class));
    assertEquals("inner.m", m.path());
    assertEquals("unknown key", m.detail());
    assertEquals(List.of("n"), m.knownKeys());
    RecordBinding.Mismatch top = assertThrows(RecordBinding.Mismatch.class,
        () -> RecordBinding.strict().read(Map.of("Name", "x"), Sample.class));
    assertEquals(List.of("at", "big", "boxed", "count", "inner", "inners", "name", "on", "range", "ratio", "raw",
        "shade", "tags", "vars"), top.knownKeys());
  }

  @Test
  void a_constructors_refusal_keeps_its_message_and_says_where() {
    RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class,
        () -> RecordBinding.strict().read(Map.of("inners", List.of(Map.of("n", -4L))), Sample.class));
    assertTrue(m.refused());
    assertEquals("inner.n must not be negative: -4", m.detail());
    assertEquals("inners[0]", m.path());
    assertTrue(m.getCause() instanceof IllegalArgumentException);
  }

  @Test
  void a_custom_reader_takes_its_type_and_reports_through_the_binding() {
    RecordBinding b = RecordBinding.strict().reading(Inner.class, (plain, binding) -> {
      if (plain instanceof Long n) {
        return new Inner(n.intValue()); // a bare number is short for { n = ... }
      }
      if (plain instanceof Map<?, ?> map) {
        return new Inner(binding.readAt("n", map.get("n"), Integer.class));
      }
      throw binding.mismatch("inner must be a number or a table");
    });
    assertEquals(new Inner(3), b.read(Map.of("inner", 3L), Sample.class).inner());
    assertEquals(List.of(new Inner(4)), b.read(Map.of("inners", List.of(Map.of("n", 4L))), Sample.class).inners());
    assertEquals("inners[0].n: expected a whole number", assertThrows(RecordBinding.Mismatch.class,
        () -> b.read(Map.of("inners", List.of(Map.of("n", "4"))), Sample.class)).getMessage());
    RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class, () -> b.read(Map.of("inner", "x"), Sample.class));
    assertEquals("inner: inner must be a number or a table", m.getMessage());
    assertFalse(m.refused());
    RecordBinding.Mismatch refused = assertThrows(RecordBinding.Mismatch.class, () -> b.read(Map.of("inner", -1L), Sample.class));
    assertTrue(refused.refused());
    assertEquals("inner.n must not be negative: -1", refused.detail());
  }

  @Test
  void object_components_take_the_plain_value_as_it_is() {
    Object table = Map.of("a", List.of(true));
    assertEquals(table, RecordBinding.strict().read(Map.of("raw", table), Sample.class).raw());
    assertEquals(false, RecordBinding.strict().read(Map.of("raw", false), Sample.class).raw());
  }

  private static Map<String, Object> snake(Map<?, ?> plain) {
    Map<String, Object> out = new LinkedHashMap<>();
    plain.forEach((k, v) -> out.put(RecordBinding.snakeCase((String) k), v));
    return out;
  }

  record Named(String project) {
    Named {
      java.util.Objects.requireNonNull(project, "project");
    }
  }

  @Test
  void a_missing_required_field_is_named_not_dumped_as_a_java_exception() {
    RecordBinding.Mismatch m = org.junit.jupiter.api.Assertions.assertThrows(RecordBinding.Mismatch.class,
        () -> RecordBinding.lenient().read(java.util.Map.of(), Named.class));
    org.junit.jupiter.api.Assertions.assertEquals("missing project", m.detail());
  }
}
