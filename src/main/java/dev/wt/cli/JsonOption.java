package dev.wt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wt.adapter.fs.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} switch shared by every command that reports. */
public final class JsonOption {

  @Option(names = "--json", description = "Print the result as JSON on stdout (progress stays on stderr).")
  boolean json;

  boolean enabled() {
    return json;
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
