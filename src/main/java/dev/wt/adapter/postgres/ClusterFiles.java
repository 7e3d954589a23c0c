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

  /** Where initdb makes a new cluster, renamed to {@code data} once it is configured. */
  static final String STAGING = "data.initdb";

  /** The line that makes a cluster wt's: its port and listen address come from wt.conf. */
  private static final String INCLUDE = "include_if_exists = 'wt.conf'";

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

  /** Appends wt's include to the cluster's postgresql.conf: from then on it is complete. */
  static void configure(Path data) throws IOException {
    Files.writeString(data.resolve("postgresql.conf"), "\n# wt: settings of the embedded server (port, listen "
        + "address) live here\n" + INCLUDE + "\n", java.nio.file.StandardOpenOption.APPEND);
  }

  /** Whether a cluster was completed by wt: its postgresql.conf includes wt.conf. */
  static boolean configured(Path data) {
    try {
      return Files.readAllLines(data.resolve("postgresql.conf")).stream().anyMatch(l -> l.strip().equals(INCLUDE));
    } catch (IOException e) {
      return false;
    }
  }

  /** Database folders under base/ beyond the three initdb makes (template0, template1, postgres). */
  static List<String> userDatabaseFolders(Path data) {
    try (var dirs = Files.list(data.resolve("base"))) {
      List<String> all = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+")).sorted().toList();
      return all.size() <= 3 ? List.of() : all;
    } catch (IOException e) {
      return List.of();
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
