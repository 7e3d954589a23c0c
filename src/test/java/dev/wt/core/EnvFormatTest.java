package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFormatTest {

  private static final Map<String, String> NASTY = new LinkedHashMap<>();

  static {
    NASTY.put("PLAIN", "http://localhost:3100");
    NASTY.put("QUOTES", "it's \"quoted\" and $HOME and `ls` and \\n");
    NASTY.put("NEWLINE", "line1\nline2\ttab\u0001ctl");
    NASTY.put("UNICODE", "café ☕ \u2028");
    NASTY.put("EMPTY", "");
  }

  @Test
  void json_reads_back_exactly() throws Exception {
    String json = EnvFormat.JSON.render(NASTY);
    assertEquals(NASTY, new ObjectMapper().readValue(json, Map.class));
    assertEquals("{}\n", EnvFormat.JSON.render(Map.of()));
  }

  @Test
  void sh_output_evaluated_by_a_real_shell_gives_back_every_value() throws Exception {
    String script = EnvFormat.SH.render(NASTY)
        + "printf '%s\\0' \"$PLAIN\" \"$QUOTES\" \"$NEWLINE\" \"$UNICODE\" \"$EMPTY\"";
    Process p = new ProcessBuilder("sh", "-c", script).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    assertEquals(String.join("\0", NASTY.values()) + "\0", out);
  }
}
