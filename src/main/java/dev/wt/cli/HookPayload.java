package dev.wt.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.adapter.fs.Json;
import dev.wt.core.WtException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JSON object a tool's hook hands wt on stdin. Reads exactly one object and stops there, so a
 * caller that keeps stdin open does not hang wt; gives up after a deadline when nothing arrives.
 */
record HookPayload(JsonNode json) {

  static final Duration WAIT = Duration.ofSeconds(30);

  static HookPayload read(InputStream in, Duration wait) {
    CompletableFuture<JsonNode> parsed = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
        // closing the parser does not close stdin: it belongs to the process
        p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        parsed.complete(p.readValueAsTree());
      } catch (IOException | RuntimeException e) {
        parsed.completeExceptionally(e);
      }
    }, "wt-hook-stdin");
    reader.setDaemon(true);
    reader.start();
    JsonNode node;
    try {
      node = parsed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw WtException.usage("no JSON payload on stdin within " + wait.toSeconds() + "s",
          "this command is run by the tool's hook, which pipes a JSON object to it");
    } catch (ExecutionException e) {
      throw WtException.usage("the payload on stdin is not JSON: " + e.getCause().getMessage().lines().findFirst().orElse(""),
          "the hook pipes one JSON object, e.g. {\"worktree_name\": \"fix-login\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.usage("interrupted while reading the payload", null);
    }
    if (node == null || !node.isObject()) {
      throw WtException.usage("the payload on stdin is " + (node == null ? "empty" : "not a JSON object"),
          "the hook pipes one JSON object, e.g. {\"worktree_name\": \"fix-login\"}");
    }
    return new HookPayload(node);
  }

  /** The first of {@code names} holding a non-blank string, or null. */
  String text(String... names) {
    for (String name : names) {
      JsonNode v = json.get(name);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }
}
