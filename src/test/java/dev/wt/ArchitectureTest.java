package dev.wt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows pointing inward (DESIGN, STYLE "a dependency-rule test"): every reference to a
 * {@code dev.wt.<layer>} in the sources, imports and fully qualified names alike, is checked.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/wt");
  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.wt\\.(core|port|app|adapter|cli)\\b");

  /** Which layers each layer may use (itself always). */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "core", Set.of("core"),
      "port", Set.of("port", "core"),
      "app", Set.of("app", "core", "port"),
      "adapter", Set.of("adapter", "core", "port"),
      "cli", Set.of("cli", "core", "port", "app", "adapter"));

  @Test
  void dependencies_point_inward() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String layer = layerOf(file);
      if (layer == null) {
        continue; // dev.wt.Main: the entry point may call the CLI
      }
      Matcher m = REFERENCE.matcher(code(file));
      while (m.find()) {
        if (!ALLOWED.get(layer).contains(m.group(1))) {
          violations.add(SOURCES.relativize(file) + " (" + layer + ") uses dev.wt." + m.group(1));
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void only_main_and_the_cli_touch_the_console_or_exit() throws IOException {
    Pattern console = Pattern.compile("\\bSystem\\s*\\.\\s*(out|err|exit)\\b");
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String layer = layerOf(file);
      if (layer == null || layer.equals("cli")) {
        continue;
      }
      Matcher m = console.matcher(code(file));
      while (m.find()) {
        violations.add(SOURCES.relativize(file) + " uses System." + m.group(1));
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void only_main_exits_the_jvm() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (!file.getFileName().toString().equals("Main.java") && code(file).matches("(?s).*\\bSystem\\s*\\.\\s*exit\\b.*")) {
        violations.add(SOURCES.relativize(file).toString());
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void the_core_does_no_io() throws IOException {
    // java.net's URI and URL encoders are pure; sockets and connections are not
    Pattern io = Pattern.compile("\\b(java\\.nio\\.file\\.Files|Files\\s*\\.|java\\.io\\.File\\w*|ProcessBuilder|Runtime\\s*\\."
        + "|java\\.net\\.(?:\\w*Socket\\w*|http\\b|\\w*Connection|InetAddress)|System\\s*\\.\\s*getenv)");
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      if ("core".equals(layerOf(file))) {
        Matcher m = io.matcher(code(file));
        while (m.find()) {
          violations.add(SOURCES.relativize(file) + " uses " + m.group(1));
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  /** File, process, network and JDBC access in the source (URI and the URL encoders are pure). */
  private static final Pattern IO = Pattern.compile("\\b(java\\.nio\\.file\\.Files|Files\\s*\\.\\s*\\w+"
      + "|java\\.io\\.(?:File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)\\b"
      + "|ProcessBuilder|Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec|java\\.net\\.(?:\\w*Socket\\w*|http\\b|\\w*Connection|InetAddress)"
      + "|(?:Server)?Socket\\b|InetAddress|HttpClient|java\\.sql\\b|DriverManager)");

  /**
   * The use cases that still touch files themselves, each to move behind a port (WorktreeFiles, or
   * a small new one) and then off this list: it may only shrink. Issue 9 item 6.
   */
  private static final Set<String> APP_IO_NOT_YET_BEHIND_A_PORT = Set.of();

  @Test
  void the_use_cases_do_no_file_or_network_io_themselves() throws IOException {
    List<String> violations = new ArrayList<>();
    List<String> clean = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (!"app".equals(layerOf(file))) {
        continue;
      }
      String rel = SOURCES.relativize(file).toString();
      Matcher m = IO.matcher(code(file));
      boolean any = false;
      while (m.find()) {
        any = true;
        if (!APP_IO_NOT_YET_BEHIND_A_PORT.contains(rel)) {
          violations.add(rel + " uses " + m.group(1) + " (go through a port)");
        }
      }
      if (!any && APP_IO_NOT_YET_BEHIND_A_PORT.contains(rel)) {
        clean.add(rel + " does no I/O any more: take it off APP_IO_NOT_YET_BEHIND_A_PORT");
      }
    }
    for (String listed : APP_IO_NOT_YET_BEHIND_A_PORT) {
      if (!Files.isRegularFile(SOURCES.resolve(listed))) {
        clean.add(listed + " is gone: take it off APP_IO_NOT_YET_BEHIND_A_PORT");
      }
    }
    assertEquals(List.of(), violations);
    assertEquals(List.of(), clean);
  }

  /** Annotations the JDK defines; anything else on core code ties the rules to a framework. */
  private static final Set<String> JDK_ANNOTATIONS = Set.of("Override", "SafeVarargs", "SuppressWarnings",
      "FunctionalInterface", "Deprecated");

  @Test
  void the_core_has_no_framework_annotations_or_imports() throws IOException {
    Pattern imports = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+)");
    Pattern annotation = Pattern.compile("@\\s*([\\w.]+)");
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (!"core".equals(layerOf(file))) {
        continue;
      }
      String code = code(file);
      Matcher i = imports.matcher(code);
      while (i.find()) {
        if (!i.group(1).startsWith("java.") && !i.group(1).startsWith("dev.wt.core.")) {
          violations.add(SOURCES.relativize(file) + " imports " + i.group(1));
        }
      }
      Matcher a = annotation.matcher(code.replaceAll("(?m)^\\s*import\\b.*$", ""));
      while (a.find()) {
        String name = a.group(1).replaceFirst("^java\\.lang\\.", "");
        if (!JDK_ANNOTATIONS.contains(name) && !name.equals("interface")) {
          violations.add(SOURCES.relativize(file) + " is annotated @" + a.group(1));
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void the_rule_sees_the_code_it_guards() throws IOException {
    // a scan that finds nothing would pass vacuously
    assertTrue(javaFiles().size() > 30);
    assertTrue(javaFiles().stream().anyMatch(f -> "adapter".equals(layerOf(f))));
    String stripped = strip("import dev.wt.cli.Cli; // dev.wt.app in a comment\nString s = \"dev.wt.adapter\";");
    Matcher m = REFERENCE.matcher(stripped);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    assertEquals(List.of("cli"), found);
    Matcher io = IO.matcher(strip("Files.exists(p); new ProcessBuilder(\"x\"); // Files.walk(q)\nWorktreeFiles.Result r;"));
    List<String> ios = new ArrayList<>();
    while (io.find()) {
      ios.add(io.group(1));
    }
    assertEquals(List.of("Files.exists", "ProcessBuilder"), ios);
    assertTrue(javaFiles().stream().anyMatch(f -> "app".equals(layerOf(f)) && f.getNameCount() > SOURCES.getNameCount() + 2),
        "the use cases live in feature packages below app");
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> s = Files.walk(SOURCES)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The first package segment below dev.wt, or null for classes directly in dev.wt. */
  private static String layerOf(Path file) {
    Path rel = SOURCES.relativize(file);
    return rel.getNameCount() < 2 ? null : rel.getName(0).toString();
  }

  private static String code(Path file) throws IOException {
    return strip(Files.readString(file));
  }

  /** The source without comments and string literals, so prose and messages do not count. */
  static String strip(String source) {
    return source
        .replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"")
        .replaceAll("//[^\n]*", " ");
  }
}
