package dev.wt.adapter.postgres;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** File chores of the embedded cluster: who owns what (root runs the server as another user) and its metadata. */
final class ClusterFiles {

  private static final String META = "wt-server.properties";

  private ClusterFiles() {}

  static void requireUser(String user) {
    Exec.Result r = Exec.run(List.of("id", "-u", user), null, Map.of(), Duration.ofSeconds(10));
    if (!r.ok()) {
      throw WtException.environment("wt runs as root, and PostgreSQL refuses to run as root; the user '" + user
          + "' to run it as does not exist",
          "create it (useradd --system --no-create-home " + user + "), set [postgres] run_as to an existing "
              + "unprivileged user, run wt as a normal user, or use [postgres] mode = \"url\"");
    }
  }

  static void chown(Path path, String user, boolean recursive) {
    try {
      UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
      var owner = lookup.lookupPrincipalByName(user);
      if (recursive) {
        try (var walk = Files.walk(path)) {
          for (Path p : (Iterable<Path>) walk::iterator) {
            Files.setOwner(p, owner);
          }
        }
      } else {
        Files.setOwner(path, owner);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot give " + path + " to user " + user + ": " + e.getMessage(),
          "run wt as a normal user, or use [postgres] mode = \"url\"");
    }
  }

  static String readVersion(Path data) {
    try {
      return Files.readString(data.resolve("PG_VERSION")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  static Properties readMeta(Path home) {
    Properties p = new Properties();
    Path f = home.resolve(META);
    if (Files.isRegularFile(f)) {
      try (var in = Files.newInputStream(f)) {
        p.load(in);
      } catch (IOException e) {
        // unreadable metadata only costs a new port choice and a binaries search
      }
    }
    return p;
  }

  static void writeMeta(Path home, Properties p) {
    try (var out = Files.newOutputStream(home.resolve(META))) {
      p.store(out, "wt embedded PostgreSQL");
    } catch (IOException e) {
      throw WtException.environment("cannot write " + home.resolve(META) + ": " + e.getMessage(), "check its permissions");
    }
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
