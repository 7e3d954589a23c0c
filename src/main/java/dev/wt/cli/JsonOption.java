package dev.wt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wt.adapter.fs.Json;
import dev.wt.core.Secrets;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} switch shared by every command that reports. */
public final class JsonOption {

  @Option(names = "--json", description = "Print the result as JSON on stdout (progress stays on stderr).")
  boolean json;

  boolean enabled() {
    return json;
  }

  /**
   * Prints {@code value} as JSON with every secret masked (URL passwords, *PASSWORD*, *_TOKEN, api_key fields) and
   * every control character escaped, DEL and C1 included; JSON needs no other cleaning, so it
   * goes to the writer beneath the line-by-line one.
   */
  static void print(PrintWriter out, Object value) {
    print(out, value, java.util.Set.of());
  }

  /**
   * As {@link #print}, with the text of the fields named in {@code whole} left unmasked: the
   * commands {@code wt trust} asks to approve, which masking could cut the code that runs out of
   * ({@code DB_PASSWORD="$(curl … | sh)"}), as {@link TerminalConsent#show} shows them.
   */
  static void print(PrintWriter out, Object value, java.util.Set<String> whole) {
    try {
      var mapper = Json.mapper();
      JsonNode tree = mapper.valueToTree(value);
      PrintWriter raw = SafeOutput.raw(out);
      raw.println(mapper.writer(new TerminalEscapes()).writeValueAsString(masked(tree, whole)));
      raw.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static JsonNode masked(JsonNode node, java.util.Set<String> whole) {
    if (node instanceof ObjectNode object) {
      var names = new java.util.ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child.isTextual() && whole.contains(name)) {
          continue;
        }
        if (child.isTextual() && (name.toUpperCase(java.util.Locale.ROOT).contains("PASSWORD") || Secrets.secretName(name))) {
          object.put(name, "***");
        } else {
          object.set(name, masked(child, whole));
        }
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, masked(array.get(i), whole));
      }
      return array;
    }
    return node.isTextual() ? TextNode.valueOf(Secrets.mask(node.asText())) : node;
  }

  /** JSON's own escapes plus DEL and the C1 controls, which JSON allows raw but terminals obey. */
  private static final class TerminalEscapes extends CharacterEscapes {

    private final int[] ascii = standardAsciiEscapesForJSON();

    TerminalEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch >= 0x80 && ch <= 0x9f ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
