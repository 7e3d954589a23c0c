package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The home folder every test runs with: {@code HOME}, the XDG folders and wt's PostgreSQL home
 * below one folder the build names ({@code wt.testHome}, under target/), so no test reads or
 * writes the developer's {@code ~/.local/state/wt}. Run outside Maven (an IDE) it is a temp folder.
 */
public final class TestHome {

  /** Each variable that places user files, and its folder below the test home. */
  private static final Map<String, String> LAYOUT = Map.of(
      "XDG_STATE_HOME", ".local/state",
      "XDG_DATA_HOME", ".local/share",
      "XDG_CACHE_HOME", ".cache",
      "XDG_CONFIG_HOME", ".config",
      // as root wt would put clusters in /var/lib/wt; a test that forgets its own WT_PG_HOME lands here
      "WT_PG_HOME", ".local/share/wt-pg");

  private TestHome() {}

  /** The folder that stands in for the user's home. */
  public static Path root() {
    return Holder.ROOT;
  }

  /** The developer's real home, which tests must leave as they found it. */
  public static Path realHome() {
    return Path.of(System.getProperty("wt.realHome", System.getProperty("user.home")));
  }

  /** {@code HOME}, {@code XDG_*} and {@code WT_PG_HOME} pointing below {@link #root()}. */
  public static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", root().toString());
    LAYOUT.forEach((k, v) -> env.put(k, root().resolve(v).toString()));
    return env;
  }

  /** Lazily made once per JVM: the folder the build named, else a fresh temp folder. */
  private static final class Holder {
    static final Path ROOT = create();

    private static Path create() {
      try {
        String named = System.getProperty("wt.testHome");
        Path root = named != null ? Path.of(named) : Files.createTempDirectory("wt-test-home");
        Files.createDirectories(root);
        for (String sub : LAYOUT.values()) {
          Files.createDirectories(root.resolve(sub));
        }
        return root.toAbsolutePath();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
