package dev.wt.adapter.fs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.DatabasesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jackson loader's reader of {@code databases} (see {@link JacksonConfigReference}), in either TOML form: an array of tables ({@code [[databases]]} with
 * {@code name = ...}) or a table of tables ({@code [databases.app]}, the key is the name).
 */
final class JacksonDatabases extends JsonDeserializer<DatabasesConfig> {

  @Override
  public DatabasesConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    List<DatabaseConfig> out = new ArrayList<>();
    if (p.currentToken() == JsonToken.START_ARRAY) {
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        out.add(entry(p, ctxt, new JsonMappingException.Reference(out, i)));
      }
    } else if (p.currentToken() == JsonToken.START_OBJECT) {
      for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
        p.nextToken();
        DatabaseConfig d = entry(p, ctxt, new JsonMappingException.Reference(out, key));
        if (d.name() != null && !d.name().equals(key)) {
          return ctxt.reportInputMismatch(DatabasesConfig.class,
              "databases." + key + " has name = \"" + d.name() + "\"; in this form the key is the name");
        }
        try {
          out.add(d.withName(key));
        } catch (IllegalArgumentException e) {
          return ctxt.reportInputMismatch(DatabasesConfig.class, e.getMessage());
        }
      }
    } else {
      return ctxt.reportInputMismatch(DatabasesConfig.class,
          "databases must be [[databases]] entries or [databases.<name>] tables");
    }
    try {
      return new DatabasesConfig(out);
    } catch (IllegalArgumentException e) {
      return ctxt.reportInputMismatch(DatabasesConfig.class, e.getMessage());
    }
  }

  /** One entry; an error in it names its place ({@code databases.app.bogus}), not only the key. */
  private static DatabaseConfig entry(JsonParser p, DeserializationContext ctxt, JsonMappingException.Reference at)
      throws IOException {
    try {
      return ctxt.readValue(p, DatabaseConfig.class);
    } catch (JsonMappingException e) {
      throw JsonMappingException.wrapWithPath(e, at);
    }
  }
}
