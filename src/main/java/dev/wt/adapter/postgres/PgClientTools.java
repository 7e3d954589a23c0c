package dev.wt.adapter.postgres;

import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.PgTools;
import dev.wt.port.Reporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** psql, pg_dump and pg_restore from the local installation; passwords go by PGPASSWORD, never argv. */
public final class PgClientTools implements PgTools {

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
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putAll(clientEnv(server));
    try {
      Process p = pb.start();
      return p.waitFor();
    } catch (IOException e) {
      throw WtException.environment("cannot run psql: " + e.getMessage(), "install the PostgreSQL client (psql)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  @Override
  public void copy(String sourceUrl, PgServer server, String database, int jobs, Reporter reporter) {
    Path dump;
    try {
      dump = Files.createTempDirectory("wt-pull");
    } catch (IOException e) {
      throw WtException.environment("cannot create a temporary folder: " + e.getMessage(), "check TMPDIR");
    }
    Path dir = dump.resolve("dump");
    try {
      PgServer source = PgServer.parse(sourceUrl);
      String sourceDb = sourceUrl.replaceAll("^[^/]*//[^/]*/?", "").replaceAll("\\?.*$", "");
      reporter.progress("pg_dump " + PgServer.mask(sourceUrl) + " (" + jobs + " jobs)");
      run(List.of(program("pg_dump"), "-Fd", "-j", String.valueOf(jobs), "--no-owner", "--no-acl", "-f", dir.toString(),
          "-h", source.host(), "-p", String.valueOf(source.port()), "-U", source.user(),
          sourceDb.isEmpty() ? source.adminDatabase() : java.net.URLDecoder.decode(sourceDb, StandardCharsets.UTF_8)),
          clientEnv(source), reporter, "pg_dump");
      reporter.progress("pg_restore into " + database + " (" + jobs + " jobs)");
      run(List.of(program("pg_restore"), "-j", String.valueOf(jobs), "--no-owner", "--no-acl", "--exit-on-error",
          "-h", server.host(), "-p", String.valueOf(server.port()), "-U", server.user(), "-d", database, dir.toString()),
          clientEnv(server), reporter, "pg_restore");
    } catch (IllegalArgumentException e) {
      throw WtException.refused(e.getMessage(), "pass a postgresql:// URL");
    } finally {
      deleteTree(dump);
    }
  }

  private void run(List<String> cmd, Map<String, String> extraEnv, Reporter reporter, String name) {
    List<String> full = new ArrayList<>(cmd);
    full.add(1, "--verbose");
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    pb.environment().putAll(extraEnv);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      List<String> tail = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String masked = PgServer.mask(line);
          reporter.progress(masked);
          tail.add(masked);
          if (tail.size() > 5) {
            tail.remove(0);
          }
        }
      }
      if (!p.waitFor(6, java.util.concurrent.TimeUnit.HOURS)) {
        p.destroyForcibly();
      }
      if (p.exitValue() != 0) {
        throw WtException.environment(name + " failed (exit " + p.exitValue() + "): " + String.join(" / ", tail),
            "check the source URL and that " + name + " matches the server's major version");
      }
    } catch (IOException e) {
      throw WtException.environment("cannot run " + name + ": " + e.getMessage(), "install the PostgreSQL client tools");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment(name + " was interrupted", "run it again");
    }
  }

  private Map<String, String> clientEnv(PgServer server) {
    Map<String, String> e = new java.util.HashMap<>();
    if (server.password() != null) {
      e.put("PGPASSWORD", server.password());
    }
    e.put("PGCONNECT_TIMEOUT", "10");
    return e;
  }

  /** The program from the configured folder, else the newest local installation, else PATH. */
  String program(String name) {
    return PgBinaries.find(binDir, env, List.of(name)).map(d -> d.resolve(name).toString()).orElse(name);
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }

}
