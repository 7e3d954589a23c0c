package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.GeneratedFile;
import dev.wt.core.StateLayout;
import dev.wt.core.WorktreeRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file written in today's format keeps loading, and is written back as the same JSON. */
class StateFileFormatTest {

  private static final String SLUG = "feat_checkout_3f2a1b";

  @TempDir Path common;

  @Test
  void a_record_in_todays_format_loads_with_its_kinds_as_types() throws Exception {
    WorktreeRecord r = storeWithGolden().bySlug(SLUG).orElseThrow();
    assertEquals(List.of(GeneratedFile.Kind.ENV, GeneratedFile.Kind.SESSION, GeneratedFile.Kind.SYMLINK,
        GeneratedFile.Kind.COPY, GeneratedFile.Kind.INCLUDE, GeneratedFile.Kind.DATABASE),
        r.files().stream().map(GeneratedFile::kind).toList());
    assertTrue(r.file(".env.local").orElseThrow().kind().removable());
    assertTrue(r.file("storage").orElseThrow().kind().copied());
    assertFalse(r.file("db/dev.sqlite3").orElseThrow().kind().removable());
    assertEquals(dev.wt.core.ServerMode.EMBEDDED, r.databases().get(0).mode());
    assertEquals(dev.wt.core.DbFill.TEMPLATE, r.databases().get(0).fill());
    assertEquals(dev.wt.core.DbEngine.SQLITE, r.databases().get(1).engine());
    assertEquals(dev.wt.core.ServerMode.FILE, r.databases().get(1).mode());
    assertEquals(List.of(3100, 3101), r.ports());
  }

  @Test
  void a_loaded_record_is_saved_as_the_same_json() throws Exception {
    JsonStateStore store = storeWithGolden();
    WorktreeRecord r = store.bySlug(SLUG).orElseThrow();
    store.delete(SLUG);
    store.save(r);
    ObjectMapper mapper = Json.mapper();
    assertEquals(mapper.readTree(golden()), mapper.readTree(Files.readAllBytes(StateLayout.record(common, SLUG))));
  }

  private JsonStateStore storeWithGolden() throws Exception {
    Path file = StateLayout.record(common, SLUG);
    Files.createDirectories(file.getParent());
    Files.write(file, golden());
    return new JsonStateStore(common);
  }

  private static byte[] golden() throws Exception {
    try (InputStream in = StateFileFormatTest.class.getResourceAsStream("/state/record-v1.json")) {
      return in.readAllBytes();
    }
  }
}
