package dev.wt.adapter.postgres;

import dev.wt.adapter.process.Exec;
import dev.wt.core.PgServer;
import dev.wt.core.PgSource;
import dev.wt.core.WtException;
import dev.wt.port.PgTools;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** psql, pg_dump and pg_restore from the local installation; passwords go by PGPASSWORD, never argv. */
public final class PgClientTools implements PgTools {

  /** The temp folder of one pull's dump: {@code wt-pull-<pid>-<random>}, so a later pull can tell a killed one's. */
  static final String PULL_PREFIX = "wt-pull-";

  /** A copy of a large database may take hours; one that takes longer is stuck. */
  private static final Duration COPY_TIMEOUT = Duration.ofHours(6);

  private final Map<String, String> env;
  private final String binDir;

  public PgClientTools(Map<String, String> env, String binDir) {
    this.env = Map.copyOf(env);
    this.binDir = binDir;
  }

  @Override
  public int psql(PgServer server, String database, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(program("psql"), "-h", server.host(), "-p", String.valueOf(server.port()),
        "-U", server.user(), "-d", database));
    cmd.addAll(args);
    Process p = Exec.attached(cmd, null, clientEnv(server), false, "install the PostgreSQL client (psql)");
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  @Override
  public void probe(PgSource source) {
    Exec.Result r = Exec.run(List.of(program("psql"), "-X", "-q", "-A", "-t", "--dbname=" + source.conninfo(),
        "-c", "SELECT current_setting('server_version_num')"), null, clientEnv(source.password()), Duration.ofSeconds(60));
    String error = PgServer.mask(r.stderr().strip().replaceAll("\\s+", " "));
    if (!r.ok()) {
      if (error.contains("database \"" + source.database() + "\" does not exist")) {
        throw WtException.refused("the pull source has no database " + source.database() + " (" + source.where() + ")",
            "check the database name in the source URL");
      }
      if (error.contains("authentication failed") || error.contains("no password supplied")) {
        throw WtException.environment("the pull source " + source.where() + " refused the login: " + error,
            "put the password in the source URL, PGPASSWORD or ~/.pgpass");
      }
      throw WtException.environment("the pull source " + source.where() + " does not answer as PostgreSQL: " + error,
          "check the source URL (host, port, sslmode) and that the server runs");
    }
    int sourceMajor = major(r.stdout().strip());
    Exec.Result dump = Exec.run(List.of(program("pg_dump"), "--version"), null, Map.of(), Duration.ofSeconds(30));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(dump.stdout());
    int dumpMajor = dump.ok() && m.find() ? Integer.parseInt(m.group(1)) : 0;
    if (dumpMajor > 0 && sourceMajor > dumpMajor) {
      throw WtException.environment("the pull source runs PostgreSQL " + sourceMajor + ", newer than pg_dump "
          + dumpMajor + " (" + program("pg_dump") + ")", "install the PostgreSQL " + sourceMajor
          + " client tools, or set [postgres] bin_dir to them");
    }
  }

  /** The major version of a {@code server_version_num} (150020 → 15, 90624 → 9). */
  private static int major(String versionNum) {
    try {
      return Integer.parseInt(versionNum) / 10000;
    } catch (NumberFormatException e) {
      throw WtException.environment("the pull source answered, but not as PostgreSQL does: " + PgServer.mask(versionNum),
          "check the source URL");
    }
  }

  @Override
  public void copy(PgSource source, PgServer server, String database, int jobs, Reporter reporter) {
    Path dump;
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      removeKilledDumps(tmp);
      dump = Files.createTempDirectory(tmp, PULL_PREFIX + ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      throw WtException.environment("cannot create a temporary folder: " + e.getMessage(), "check TMPDIR");
    }
    Path dir = dump.resolve("dump");
    try {
      reporter.progress("pg_dump " + PgServer.mask(source.conninfo()) + " (" + jobs + " jobs)");
      // the whole connection string, parameters included; the password only in PGPASSWORD
      run(List.of(program("pg_dump"), "-Fd", "-j", String.valueOf(jobs), "--no-owner", "--no-acl", "-f", dir.toString(),
          "--dbname=" + source.conninfo()), clientEnv(source.password()), reporter, "pg_dump");
      reporter.progress("pg_restore into " + database + " (" + jobs + " jobs)");
      run(List.of(program("pg_restore"), "-j", String.valueOf(jobs), "--no-owner", "--no-acl", "--exit-on-error",
          "-h", server.host(), "-p", String.valueOf(server.port()), "-U", server.user(), "--dbname=" + database,
          dir.toString()), clientEnv(server), reporter, "pg_restore");
    } finally {
      dev.wt.port.FileTrees.deleteQuietly(dump);
    }
  }

  /**
   * Deletes the dump folders of pulls whose wt is gone (killed mid-copy: its {@code finally} never
   * ran): each holds a full copy of the source's data. Only this user's, only with a dead pid.
   */
  static void removeKilledDumps(Path tmp) {
    try (java.util.stream.Stream<Path> entries = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PULL_PREFIX) || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rest = name.substring(PULL_PREFIX.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? "" : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue;
        }
        boolean mine = Files.getOwner(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName()
            .equals(System.getProperty("user.name"));
        if (mine && ProcessHandle.of(pid).isEmpty()) {
          dev.wt.port.FileTrees.deleteQuietly(p);
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a temp folder wt cannot list holds none of its dumps to remove
    }
  }

  /** Runs pg_dump or pg_restore verbosely, its output masked as progress; a failure names its last lines. */
  private void run(List<String> cmd, Map<String, String> extraEnv, Reporter reporter, String name) {
    List<String> full = new ArrayList<>(cmd);
    full.add(1, "--verbose");
    List<String> tail = new ArrayList<>();
    int code = Exec.stream(full, null, extraEnv, line -> {
      String masked = PgServer.mask(line);
      reporter.progress(masked);
      synchronized (tail) {
        tail.add(masked);
        if (tail.size() > 5) {
          tail.remove(0);
        }
      }
    }, COPY_TIMEOUT, () -> WtException.environment(name + " did not finish within " + Exec.describe(COPY_TIMEOUT)
        + " and was stopped", "check the source's size and the network, then run it again"));
    if (code != 0) {
      synchronized (tail) {
        throw WtException.environment(name + " failed (exit " + code + "): " + String.join(" / ", tail),
            "check the source URL and that " + name + " matches the server's major version");
      }
    }
  }

  private Map<String, String> clientEnv(PgServer server) {
    Map<String, String> e = clientEnv(server.password());
    if (server.password() == null && !server.userCredentials()) {
      // the inherited PGPASSWORD and ~/.pgpass are the user's, not for a server a repository chose
      e.put("PGPASSWORD", "");
      e.put("PGPASSFILE", "/dev/null");
    }
    return e;
  }

  private static Map<String, String> clientEnv(String password) {
    Map<String, String> e = new java.util.HashMap<>();
    if (password != null) {
      e.put("PGPASSWORD", password);
    }
    e.put("PGCONNECT_TIMEOUT", "10");
    return e;
  }

  /** The program from the configured folder, else the newest local installation, else PATH. */
  String program(String name) {
    return PgBinaries.find(binDir, env, List.of(name)).map(d -> d.resolve(name).toString()).orElse(name);
  }


}
