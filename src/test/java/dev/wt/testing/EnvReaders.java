package dev.wt.testing;

import dev.wt.core.EnvFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs that read what {@code wt env} and the env file hold: sh and bash ({@code .}
 * and {@code eval}), fish, python-dotenv, Node's dotenv and JSON parsers. Each loads a file and
 * prints its variables as {@code KEY=value\0}, so values come back byte for byte.
 */
public final class EnvReaders {

  /** Where the test installs Node's dotenv when it is not there yet (mvn clean removes it). */
  static final Path NODE_PREFIX = Path.of("target", "npm-dotenv").toAbsolutePath();
  /** The release most apps have: the parser Next.js and Vite build on. */
  static final String NODE_DOTENV = "dotenv@16.6.1";

  /** One reader: its name, the format it reads and how to run it on a file. */
  public record Reader(String name, EnvFormat format, List<String> command) {
    @Override
    public String toString() {
      return name;
    }
  }

  private EnvReaders() {}

  /** The shells that read {@code format}'s output with {@code .} and with {@code eval} (set -a exports dotenv lines). */
  public static List<Reader> shells(EnvFormat format) {
    List<Reader> out = new ArrayList<>();
    for (String sh : List.of("sh", "bash")) {
      out.add(new Reader(sh + " .", format, List.of(sh, "-c", "set -a; . \"$1\"; exec env -0", sh)));
      out.add(new Reader(sh + " eval", format, List.of(sh, "-c", "set -a; eval \"$(cat \"$1\")\"; exec env -0", sh)));
    }
    return out;
  }

  public static Reader fish() {
    return new Reader("fish source", EnvFormat.FISH, List.of("fish", "--no-config", "-c", "source $argv[1]; env -0"));
  }

  /** python-dotenv with its defaults (interpolation on), as Django projects call it. */
  public static Reader python() {
    return new Reader("python-dotenv", EnvFormat.DOTENV, List.of("/usr/bin/python3", "-c",
        "import sys, dotenv\n"
            + "v = dotenv.dotenv_values(sys.argv[1])\n"
            + "sys.stdout.buffer.write(b''.join((k + '=' + (v[k] or '')).encode() + b'\\0' for k in v))\n"));
  }

  /** Node's dotenv loading the file the way apps do ({@code config}), into an object of its own. */
  public static Reader node() {
    return new Reader("node dotenv", EnvFormat.DOTENV, List.of("node", "-e",
        "const d = require(process.argv[1]); const env = {};\n"
            + "const r = d.config({ path: process.argv[2], processEnv: env, quiet: true });\n"
            + "if (r.error) throw r.error;\n"
            + "process.stdout.write(Object.entries(env).map(([k, v]) => k + '=' + v + '\\0').join(''));\n",
        NODE_PREFIX.resolve("node_modules").resolve("dotenv").toString()));
  }

  public static Reader nodeJson() {
    return new Reader("node JSON.parse", EnvFormat.JSON, List.of("node", "-e",
        "const env = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));\n"
            + "process.stdout.write(Object.entries(env).map(([k, v]) => k + '=' + v + '\\0').join(''));\n"));
  }

  /** Skips the calling test, naming the reader, when it is not installed here. */
  public static void assumeInstalled(Reader r) {
    switch (r.name()) {
      case "python-dotenv" -> Assumptions.assumeTrue(runs("/usr/bin/python3", "-c", "import dotenv"),
          "python3-dotenv is not installed (apt-get install python3-dotenv)");
      case "node dotenv" -> Assumptions.assumeTrue(nodeDotenv(),
          "Node's dotenv is not installed and npm could not install it into " + NODE_PREFIX);
      case "node JSON.parse" -> Assumptions.assumeTrue(runs("node", "-e", "0"), "node is not installed");
      default -> Assumptions.assumeTrue(runs(r.command().get(0), "-c", "true"), r.command().get(0) + " is not installed");
    }
  }

  /** Runs {@code r} on {@code file} in {@code dir} and returns every variable it ended up with. */
  public static Map<String, String> read(Reader r, Path file, Path dir) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(r.command());
    cmd.add(file.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME") && !k.equals("LANG"));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(r + " failed on " + file + ": " + err);
    }
    if (!err.isBlank()) {
      throw new AssertionError(r + " complained about " + file + ": " + err); // python-dotenv warns on lines it skips
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String entry : new String(out, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        vars.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return vars;
  }

  private static boolean nodeDotenv() {
    if (Files.isDirectory(NODE_PREFIX.resolve("node_modules").resolve("dotenv"))) {
      return true;
    }
    return runs("npm", "install", "--prefix", NODE_PREFIX.toString(), "--no-audit", "--no-fund", "--silent", NODE_DOTENV)
        && Files.isDirectory(NODE_PREFIX.resolve("node_modules").resolve("dotenv"));
  }

  private static boolean runs(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
