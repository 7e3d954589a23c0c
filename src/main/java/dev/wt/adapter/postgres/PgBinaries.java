package dev.wt.adapter.postgres;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a local PostgreSQL installation: configured folder, PATH, pg_config, distro and Mac locations. */
final class PgBinaries {

  private PgBinaries() {}

  /** The first folder holding {@code programs}, searched in the documented order. */
  static Optional<Path> find(String configured, Map<String, String> env, List<String> programs) {
    if (configured != null) {
      Path dir = Path.of(configured);
      if (!has(dir, programs)) {
        throw WtException.environment("[postgres] bin_dir " + dir + " does not hold " + String.join(", ", programs),
            "point bin_dir at the folder with initdb and postgres (pg_config --bindir prints it)");
      }
      return Optional.of(dir);
    }
    for (Path dir : candidates(env)) {
      if (has(dir, programs)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  static List<Path> candidates(Map<String, String> env) {
    List<Path> out = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String p : path.split(":")) {
      if (!p.isBlank()) {
        out.add(Path.of(p));
      }
    }
    pgConfigBindir(path).ifPresent(out::add);
    out.addAll(versioned(Path.of("/usr/lib/postgresql"), "bin"));
    out.addAll(versioned(Path.of("/usr/pgsql-18").getParent(), "bin", "pgsql-"));
    out.addAll(versioned(Path.of("/opt/homebrew/opt"), "bin", "postgresql"));
    out.addAll(versioned(Path.of("/usr/local/opt"), "bin", "postgresql"));
    out.add(Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin"));
    return out;
  }

  private static Optional<Path> pgConfigBindir(String path) {
    for (String p : path.split(":")) {
      Path pgConfig = Path.of(p.isBlank() ? "." : p, "pg_config");
      if (Files.isExecutable(pgConfig)) {
        try {
          Exec.Result r = Exec.run(List.of(pgConfig.toString(), "--bindir"), null, Map.of(), Duration.ofSeconds(10));
          if (r.ok()) {
            return Optional.of(Path.of(r.stdout().strip()));
          }
        } catch (WtException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** {@code root/<version>/sub} folders, newest version first. */
  private static List<Path> versioned(Path root, String sub, String... namePrefix) {
    List<Path> out = new ArrayList<>();
    if (root == null || !Files.isDirectory(root)) {
      return out;
    }
    String prefix = namePrefix.length == 0 ? "" : namePrefix[0];
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix)) {
          out.add(p.resolve(sub));
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(Comparator.comparingInt((Path p) -> versionOf(p.getParent().getFileName().toString())).reversed());
    return out;
  }

  private static int versionOf(String name) {
    String digits = name.replaceAll("[^0-9.]", "");
    try {
      return (int) (Double.parseDouble(digits.isEmpty() ? "0" : digits.replaceAll("\\.(?=.*\\.)", "")) * 100);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static boolean has(Path dir, List<String> programs) {
    return programs.stream().allMatch(p -> Files.isExecutable(dir.resolve(p)));
  }

  /** The major version of the server binaries in {@code dir} ({@code postgres --version}). */
  static int majorVersion(Path dir) {
    Exec.Result r = Exec.run(List.of(dir.resolve("postgres").toString(), "--version"), null, Map.of(),
        Duration.ofSeconds(10));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:\\.\\d+|beta|rc|devel)").matcher(r.stdout());
    try {
      if (!m.find()) {
        throw new NumberFormatException(r.stdout());
      }
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw WtException.environment("cannot read the version of " + dir.resolve("postgres") + ": " + r.stdout().strip(),
          "check the PostgreSQL installation");
    }
  }
}
