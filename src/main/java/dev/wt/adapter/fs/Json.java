package dev.wt.adapter.fs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Jackson's mapper for {@code --json} output and the JSON of other tools; state and approval files
 * go through {@link PlainJson} and {@link RecordBinding} instead, which write what it wrote.
 */
public final class Json {

  private Json() {}

  /**
   * A mapper for {@code --json} output: ISO timestamps, stable field order, enums as
   * the word their {@code toString} gives ({@code "created"}, {@code "would-stop"}), so that a
   * string field that became an enum keeps its JSON.
   */
  public static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    // fields added later are left out while unused, so older files and --json stay as they were
    mapper.addMixIn(dev.wt.core.WorktreeRecord.class, LaterRecordFields.class);
    return mapper
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The {@code WorktreeRecord} fields newer than the first state files, written only when set. */
  abstract static class LaterRecordFields {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract dev.wt.core.OwnedRedis redis();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract String sharedFrom();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract java.util.List<String> borrowers();
  }
}
