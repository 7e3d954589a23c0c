package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.ExitCode;
import dev.wt.core.StateLayout;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State files however they were written (compact, keys in another order, fields from later or
 * earlier versions, scalars Jackson converted) read as Jackson read them; a damaged one is
 * reported as before, on one line.
 */
class StateFileReadingTest {

  private static final String SLUG = "feat_checkout_3f2a1b";
  private static final ObjectMapper JACKSON = Json.mapper();

  @TempDir Path common;

  @Test
  void variants_of_a_state_file_read_as_jackson_read_them() throws Exception {
    String golden = golden();
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("compact", new ObjectMapper().writeValueAsString(JACKSON.readTree(golden)));
    variants.put("unknown keys", golden.replace("\"version\" : 1,",
        "\"future\" : {\"x\" : [1, {\"y\" : null}, 2.5e3]}, \"version\" : 1, \"also\" : \"new\","));
    variants.put("keys in another order", golden.replace("\"version\" : 1,\n  \"project\" : \"shop\",",
        "\"project\" : \"shop\",\n  \"version\" : 1,"));
    variants.put("an early file without the later fields", golden
        .replace(",\n  \"ports\" : [ 3100, 3101 ],\n  \"url\" : \"http://checkout.localhost:3100\",\n  \"setupPending\" : false", "")
        .replace("\"commandsRun\"", "\"unused\""));
    variants.put("a null and a missing primitive", golden.replace("\"port\" : 54321,", "\"port\" : null,")
        .replace("\"port\" : 0,", ""));
    variants.put("scalars as text", golden.replace("\"port\" : 54321,", "\"port\" : \"54321\",")
        .replace("\"branchCreated\" : true,", "\"branchCreated\" : \"true\",")
        .replace("\"project\" : \"shop\"", "\"project\" : 42"));
    variants.put("a fraction for a whole number", golden.replace("\"version\" : 1,", "\"version\" : 1.75,"));
    variants.put("escapes", golden.replace("\"mainPath\" : \"/home/me/src/shop\"",
        "\"mainPath\" : \"\\/home\\/me\\/src\\/sh\\u00f6p\\ud83d\\ude00\""));
    variants.put("nulls for the lists", golden.replaceFirst("\"ports\" : \\[ 3100, 3101 \\]", "\"ports\" : null")
        .replace("\"createdBy\" : \"up\"", "\"createdBy\" : null"));
    JsonStateStore store = new JsonStateStore(common);
    Path file = StateLayout.record(common, SLUG);
    Files.createDirectories(file.getParent());
    for (Map.Entry<String, String> v : variants.entrySet()) {
      assertFalse(v.getValue().equals(golden), v.getKey() + " left the file as it was");
      Files.writeString(file, v.getValue());
      assertEquals(JACKSON.readValue(v.getValue(), WorktreeRecord.class), store.bySlug(SLUG).orElseThrow(), v.getKey());
    }
  }

  @Test
  void a_damaged_file_is_reported_on_one_line_with_the_hint_as_before() throws Exception {
    String golden = golden();
    Map<String, String> damaged = new LinkedHashMap<>();
    damaged.put("cut short", golden.substring(0, golden.length() / 2));
    damaged.put("empty", "");
    damaged.put("not JSON", "hello");
    damaged.put("a control character in a string", golden.replace("shop_feat", "shop\u0001feat"));
    damaged.put("no project", golden.replace("\"project\" : \"shop\",", ""));
    damaged.put("a slug that is none", golden.replace("\"slug\" : \"feat_checkout_3f2a1b\"", "\"slug\" : \"../x\""));
    damaged.put("a kind wt does not know", golden.replace("\"kind\" : \"env\"", "\"kind\" : \"ENV\""));
    damaged.put("a string for a list", golden.replaceFirst("\"files\" : \\[", "\"files\" : \"x\", \"was\" : ["));
    damaged.put("a list for a record", golden.replace("\"identity\" : {", "\"identity\" : [], \"was\" : {"));
    damaged.put("a number past an int", golden.replace("\"port\" : 54321,", "\"port\" : 3000000000,"));
    JsonStateStore store = new JsonStateStore(common);
    Path file = StateLayout.record(common, SLUG);
    Files.createDirectories(file.getParent());
    for (Map.Entry<String, String> d : damaged.entrySet()) {
      Files.writeString(file, d.getValue());
      assertThrows(Exception.class, () -> JACKSON.readValue(d.getValue(), WorktreeRecord.class), d.getKey());
      for (WtException e : new WtException[] {
          assertThrows(WtException.class, () -> store.bySlug(SLUG), d.getKey()),
          assertThrows(WtException.class, store::all, d.getKey())}) {
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode(), d.getKey());
        assertTrue(e.getMessage().startsWith("cannot read wt state " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), d.getKey() + ": " + e.getMessage());
        assertEquals("fix or delete that file; wt setup recreates it", e.hint());
      }
    }
  }

  @Test
  void the_error_names_where_in_the_file_the_damage_is() throws Exception {
    Path file = StateLayout.record(common, SLUG);
    Files.createDirectories(file.getParent());
    JsonStateStore store = new JsonStateStore(common);

    Files.writeString(file, golden().replace("\"kind\" : \"session\"", "\"kind\" : \"cookie\""));
    assertEquals("cannot read wt state " + file + ": files[1].kind: expected one of env, session, symlink, copy, "
        + "include, database, template", assertThrows(WtException.class, () -> store.bySlug(SLUG)).getMessage());

    Files.writeString(file, golden().replace("\"project\" : \"shop\",", "\"project\" : \"shop\"\n"));
    assertEquals("cannot read wt state " + file + ": expected ',' or '}' but found '\"' (line 5, column 3)",
        assertThrows(WtException.class, () -> store.bySlug(SLUG)).getMessage());
  }

  @Test
  void a_file_holding_null_is_damaged_not_a_crash() throws Exception {
    Path file = StateLayout.record(common, SLUG);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "null");
    WtException e = assertThrows(WtException.class, () -> new JsonStateStore(common).bySlug(SLUG));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
  }

  @Test
  void a_file_that_is_gone_is_no_record() {
    assertTrue(new JsonStateStore(common).bySlug(SLUG).isEmpty());
  }

  private static String golden() throws Exception {
    try (InputStream in = StateFileReadingTest.class.getResourceAsStream("/state/record-v1.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
