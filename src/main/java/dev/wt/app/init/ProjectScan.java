package dev.wt.app.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import dev.wt.port.LocalFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a project's files for what {@code wt init} needs to know; never writes. */
final class ProjectScan {

  private static final Pattern D1_BINDING = Pattern.compile("^\\s*binding\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern SERVICE = Pattern.compile("^  ([A-Za-z0-9_.-]+):\\s*$");
  private static final Pattern IMAGE = Pattern.compile("^\\s+image:\\s*[\"']?([^\"'\\s]+)");

  private final LocalFiles disk;
  private final Path root;

  ProjectScan(LocalFiles disk, Path root) {
    this.disk = disk;
    this.root = root;
  }

  boolean exists(String relative) {
    return disk.exists(root.resolve(relative));
  }

  /** The npm packages package.json depends on (dependencies and devDependencies). */
  List<String> npmPackages() {
    Path file = root.resolve("package.json");
    if (!disk.isFile(file)) {
      return List.of();
    }
    try {
      JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(disk.read(file).orElse("{}"));
      List<String> names = new ArrayList<>();
      for (String section : List.of("dependencies", "devDependencies")) {
        JsonNode deps = doc.get(section);
        if (deps != null) {
          deps.fieldNames().forEachRemaining(names::add);
        }
      }
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The compose file and the name of its service running a postgres image, if any. */
  Optional<String[]> composePostgres() {
    for (String name : List.of("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")) {
      Path file = root.resolve(name);
      if (!disk.isFile(file)) {
        continue;
      }
      String service = null;
      boolean inServices = false;
      for (String line : lines(file)) {
        if (!line.startsWith(" ") && !line.isBlank()) {
          inServices = line.startsWith("services:");
          continue;
        }
        Matcher s = SERVICE.matcher(line);
        if (inServices && s.matches()) {
          service = s.group(1);
          continue;
        }
        Matcher i = IMAGE.matcher(line);
        if (inServices && service != null && i.find() && i.group(1).matches("(.*/)?(postgres|postgis)[^/]*")) {
          return Optional.of(new String[] {name, service});
        }
      }
    }
    return Optional.empty();
  }

  /** The binding names of wrangler.toml's D1 databases. */
  List<String> d1Bindings() {
    Path file = root.resolve("wrangler.toml");
    if (!disk.isFile(file)) {
      return List.of();
    }
    List<String> bindings = new ArrayList<>();
    boolean inD1 = false;
    for (String line : lines(file)) {
      if (line.strip().startsWith("[")) {
        inD1 = line.strip().equals("[[d1_databases]]");
        continue;
      }
      Matcher m = D1_BINDING.matcher(line);
      if (inD1 && m.find()) {
        bindings.add(m.group(1));
      }
    }
    return bindings;
  }

  /** The dotenv files at the root holding real values (not .env.example and the like). */
  List<String> envFiles() {
    try {
      return disk.entriesIn(root).stream().map(f -> f.getFileName().toString())
          .filter(n -> n.equals(".env") || n.startsWith(".env."))
          .filter(n -> !n.matches(".*\\.(example|sample|template|dist|defaults)$"))
          // the file wt itself writes per worktree
          .filter(n -> !n.equals(".env.development.local"))
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<String> lines(Path file) {
    try {
      return disk.read(file).map(String::lines).map(Stream::toList).orElse(List.of());
    } catch (IOException e) {
      return List.of();
    }
  }
}
