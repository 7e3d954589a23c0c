package dev.wt.cli;

import dev.wt.adapter.fs.PlainJson;
import dev.wt.adapter.fs.RecordBinding;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The hidden workload the launcher runs once to record a class-data-sharing archive: the classes
 * of a typical command, without touching any repository.
 */
final class Warmup {

  static final String COMMAND = "__warm";

  private Warmup() {}

  static int run(CliEnv env) {
    if ("light".equals(System.getProperty("wt.warm"))) {
      return light();
    }
    PrintWriter sink = new PrintWriter(new StringWriter());
    CliEnv quiet = new CliEnv(env.cwd(), Map.of(), sink, sink, false);
    CommandLine cl = Cli.commandLine(quiet);
    cl.execute("--help");
    for (String sub : cl.getSubcommands().keySet()) {
      cl.execute(sub, "--help");
    }
    rehearse(sink);
    loadDriver();
    try {
      WorktreeRecord r = new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, "warm", WorktreeIdentity.derive("feat/warm"),
          "/tmp/warm", "/tmp", "up", true, Instant.now(), List.of(), null);
      // the state files' own JSON code (the rehearsal below does it too, but needs git)
      RecordBinding state = RecordBinding.lenient();
      state.read(PlainJson.parse(PlainJson.write(state.toPlain(r))), WorktreeRecord.class);
      // and the configuration's: wt.toml as plain values, bound strictly to the records
      RecordBinding.strict().read(dev.wt.adapter.fs.PlainToml.parse("project = \"warm\"\n[env]\nfile = \"x\"\n"
          + "[ports]\ncount = 2\nrange = [3100, 3999]\n[setup]\ncommands = [\"true\"]\n"), dev.wt.core.config.WtConfig.class);
      // --json output and the JSON wt reads from other programs stay on Jackson
      dev.wt.adapter.fs.Json.mapper().writeValueAsString(r);
    } catch (Exception e) {
      return 1;
    }
    return 0;
  }

  /**
   * The rehearsal of the small archive the launcher gives {@code env} and {@code --version}: only
   * their classes, so the JVM has little to map and relocate. The worktree {@code env} reads is
   * made by an {@code up} in a JVM of its own, whose classes stay out of this one's archive.
   */
  private static int light() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    java.nio.file.Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempDirectory("wt-warm");
      java.nio.file.Path repo = java.nio.file.Files.createDirectories(tmp.resolve("warm"));
      // the user's configuration (a global [setup], say) stays out: only what is named here
      Map<String, String> vars = new java.util.HashMap<>(Map.of("WT_PG_MODE", "none", "HOME", tmp.toString(),
          "XDG_STATE_HOME", tmp.resolve("state").toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString(),
          "GIT_AUTHOR_NAME", "wt", "GIT_AUTHOR_EMAIL", "wt@localhost", "GIT_COMMITTER_NAME", "wt",
          "GIT_COMMITTER_EMAIL", "wt@localhost"));
      // a hook's PATH may lack git: the standard folders after it
      String path = System.getenv("PATH");
      vars.put("PATH", (path == null || path.isEmpty() ? "" : path + ":") + "/usr/bin:/bin");
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
      boolean made = quietly(vars, repo, "git", "init", "-q", "-b", "main")
          && quietly(vars, repo, "git", "commit", "-q", "--allow-empty", "-m", "warm")
          && quietly(vars, repo, javaBin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:off", "-cp", jar,
              "dev.wt.Main", "up", "feat/warm");
      if (!made) {
        return 1;
      }
      CliEnv inside = new CliEnv(tmp.resolve("warm-warm"), vars, sink, sink, false);
      Cli.run(inside, "--version");
      Cli.run(inside, "env"); // writes the env cache
      Cli.run(inside, "env"); // reads it, as on every cd after the first
      Cli.run(inside, "env", "--format", "fish");
      return 0;
    } catch (Exception e) {
      return 1; // the archive holds what was loaded until here
    } finally {
      if (tmp != null) {
        dev.wt.port.FileTrees.deleteQuietly(tmp); // the worktree and the state are inside it too
      }
    }
  }

  private static boolean quietly(Map<String, String> vars, java.nio.file.Path dir, String... command)
      throws java.io.IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(vars);
    Process p = pb.start();
    if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  /**
   * Driver packages a session of wt's never uses: SSL, GSS, replication, XA, message translations.
   * The geometric types stay: every connection registers them.
   */
  private static final List<String> UNUSED = List.of("org/postgresql/translation/", "org/postgresql/shaded/",
      "org/postgresql/replication/", "org/postgresql/xa/", "org/postgresql/ds/", "org/postgresql/gss/",
      "org/postgresql/sspi/", "org/postgresql/osgi/", "org/postgresql/largeobject/",
      "org/postgresql/fastpath/", "org/postgresql/xml/", "org/postgresql/ssl/");

  /**
   * Loads the PostgreSQL driver's classes (the rehearsal runs without a server): a command's first
   * connection then finds them in the archive instead of reading and verifying ~400 from the jar.
   */
  private static void loadDriver() {
    ClassLoader loader = Warmup.class.getClassLoader();
    try {
      java.net.URI jar = Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI();
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(new java.io.File(jar))) {
        zip.stream().map(java.util.zip.ZipEntry::getName)
            .filter(n -> n.startsWith("org/postgresql/") && n.endsWith(".class") && !n.contains("-info"))
            .filter(n -> UNUSED.stream().noneMatch(n::startsWith))
            .forEach(n -> {
              try {
                Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'), false, loader);
              } catch (Throwable e) {
                // needs a library wt does not ship: not one a connection of wt's loads
              }
            });
      }
    } catch (Exception e) {
      // not run from a jar (tests): nothing to archive
    }
  }

  /**
   * A real up, list, env and down on a throw-away repository (no databases, ports claimed in a
   * throw-away folder), so the archive holds the classes real commands load, not only --help's.
   */
  private static void rehearse(PrintWriter sink) {
    java.nio.file.Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempDirectory("wt-warm");
      java.nio.file.Path repo = java.nio.file.Files.createDirectories(tmp.resolve("warm"));
      java.time.Duration t = java.time.Duration.ofSeconds(30);
      Map<String, String> git = Map.of("GIT_AUTHOR_NAME", "wt", "GIT_AUTHOR_EMAIL", "wt@localhost",
          "GIT_COMMITTER_NAME", "wt", "GIT_COMMITTER_EMAIL", "wt@localhost");
      dev.wt.adapter.process.Exec.run(List.of("git", "init", "-q", "-b", "main", repo.toString()), null, git, t);
      dev.wt.adapter.process.Exec.run(List.of("git", "-C", repo.toString(), "commit", "-q", "--allow-empty", "-m", "warm"),
          null, git, t);
      CliEnv env = new CliEnv(repo, Map.of("WT_PG_MODE", "none", "XDG_STATE_HOME", tmp.resolve("state").toString(),
          "HOME", tmp.toString()), sink, sink, false);
      Cli.run(env, "up", "feat/warm", "--json");
      Cli.run(env, "list");
      Cli.run(new CliEnv(tmp.resolve("warm-warm"), env.env(), sink, sink, false), "env");
      Cli.run(env, "down", "feat/warm");
      // a database mark's key reads the repository's id (written here: making one starts SecureRandom)
      java.nio.file.Path common = repo.resolve(".git");
      java.nio.file.Files.createDirectories(dev.wt.core.StateLayout.root(common));
      java.nio.file.Files.writeString(dev.wt.core.StateLayout.id(common), "0".repeat(32) + "\n");
      dev.wt.core.RepoKey.mark(common, new dev.wt.adapter.fs.JsonStateStore(common).repositoryId());
    } catch (Exception e) {
      // a machine without git still gets an archive of everything else
    } finally {
      if (tmp != null) {
        dev.wt.port.FileTrees.deleteQuietly(tmp); // what stays is in the temp folder; the OS cleans it
      }
    }
  }
}
