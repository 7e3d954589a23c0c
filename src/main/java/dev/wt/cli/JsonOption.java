package dev.wt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wt.adapter.fs.Json;
import dev.wt.core.PgServer;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} switch shared by every command that reports. */
public final class JsonOption {

  @Option(names = "--json", description = "Print the result as JSON on stdout (progress stays on stderr).")
  boolean json;

  boolean enabled() {
    return json;
  }

  /** Prints {@code value} as JSON with every secret masked (URL passwords, *PASSWORD* fields). */
  static void print(PrintWriter out, Object value) {
    try {
      var mapper = Json.mapper();
      JsonNode tree = mapper.valueToTree(value);
      out.println(mapper.writeValueAsString(masked(tree)));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static JsonNode masked(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var names = new java.util.ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child.isTextual() && name.toUpperCase(java.util.Locale.ROOT).contains("PASSWORD")) {
          object.put(name, "***");
        } else {
          object.set(name, masked(child));
        }
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, masked(array.get(i)));
      }
      return array;
    }
    return node.isTextual() ? TextNode.valueOf(PgServer.mask(node.asText())) : node;
  }
}
