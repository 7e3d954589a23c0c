package dev.wt.app.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
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

  private final Path root;

  ProjectScan(Path root) {
    this.root = root;
  }

  boolean exists(String relative) {
    return Files.exists(root.resolve(relative));
  }

  /** The npm packages package.json depends on (dependencies and devDependencies). */
  List<String> npmPackages() {
    Path file = root.resolve("package.json");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
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
      if (!Files.isRegularFile(file)) {
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
    if (!Files.isRegularFile(file)) {
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
    try (Stream<Path> files = Files.list(root)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.equals(".env") || n.startsWith(".env."))
          .filter(n -> !n.matches(".*\\.(example|sample|template|dist|defaults)$"))
          // the file wt itself writes per worktree
          .filter(n -> !n.equals(".env.development.local"))
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
