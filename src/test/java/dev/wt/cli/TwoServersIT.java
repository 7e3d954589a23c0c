package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.fs.Json;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definition of done: two servers side by side, and down stops only its own. */
class TwoServersIT {

  @TempDir Path tmp;

  @Test
  void two_worktrees_serve_at_once_on_their_own_ports_and_down_stops_only_one() throws Exception {
    Needs.python3();
    GitRepo repo = GitRepo.create(tmp, "site");
    repo.write("wt.toml", "[ports]\nrange = [46100, 46999]\n").commitAll("wt config");
    WtRun.in(repo.root(), "up", "feat/red").ok();
    WtRun.in(repo.root(), "up", "feat/blue").ok();
    Path red = tmp.resolve("site-red");
    Path blue = tmp.resolve("site-blue");
    Files.writeString(red.resolve("index.html"), "red");
    Files.writeString(blue.resolve("index.html"), "blue");
    String redUrl = vars(red).get("WT_URL");
    String blueUrl = vars(blue).get("WT_URL");
    assertNotEquals(redUrl, blueUrl);

    String server = "exec /usr/bin/python3 -m http.server \"$WT_PORT\" --bind 127.0.0.1";
    Process redRun = WtBinary.start(red, tmp.resolve("red.log"), Map.of(), "run", "--", "sh", "-c", server);
    Process blueRun = WtBinary.start(blue, tmp.resolve("blue.log"), Map.of(), "run", "--", "sh", "-c", server);
    try {
      assertEquals("red", get(redUrl, 20));
      assertEquals("blue", get(blueUrl, 20));

      WtRun down = WtRun.in(repo.root(), "down", "--force", "feat/red").ok();
      assertTrue(down.err().contains("http.server"), down.err());
      assertTrue(redRun.waitFor(10, TimeUnit.SECONDS), "wt run of red ended with its server");
      assertFalse(Files.exists(red));
      assertEquals(null, get(redUrl, 0), "red no longer serves");
      assertEquals("blue", get(blueUrl, 0), "blue still serves");
      assertTrue(blueRun.isAlive());
    } finally {
      redRun.destroy();
      blueRun.destroy();
      blueRun.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> vars(Path wt) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, String> v = Json.mapper().readValue(WtRun.in(wt, "env", "--format", "json").ok().out(), Map.class);
    return v;
  }

  /** The body at {@code url}, retrying for up to {@code seconds}; null when nothing answers. */
  private static String get(String url, int seconds) {
    return Poll.first(Duration.ofSeconds(seconds), () -> {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url + "/index.html").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        try (var in = c.getInputStream()) {
          return new String(in.readAllBytes());
        }
      } catch (IOException e) {
        return null; // not listening yet
      }
    });
  }
}
