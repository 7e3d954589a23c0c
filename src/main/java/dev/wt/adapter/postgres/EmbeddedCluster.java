package dev.wt.adapter.postgres;

import dev.wt.adapter.process.Exec;
import dev.wt.adapter.process.LocalPortProbe;
import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL cluster per repository under the user's data folder, on a free port kept across
 * restarts, listening on 127.0.0.1 only (trust auth: it is a private development server).
 */
public final class EmbeddedCluster implements EmbeddedPostgres {

  private static final List<String> SERVER = List.of("initdb", "postgres", "pg_ctl");

  private final Map<String, String> env;
  private final Path dataRoot;
  private final Path cacheRoot;
  private final boolean root;
  private final LocalPortProbe ports = new LocalPortProbe();

  /** Folders follow XDG; as root they move to /var/lib/wt, which the unprivileged server user can reach. */
  public EmbeddedCluster(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.root = ClusterFiles.isRoot();
    // an empty variable counts as unset (as XDG says): a relative "" would put the clusters in the current folder
    String home = set(env, "HOME") != null ? set(env, "HOME") : System.getProperty("user.home");
    Path data = set(env, "XDG_DATA_HOME") != null ? Path.of(set(env, "XDG_DATA_HOME")) : Path.of(home, ".local", "share");
    Path cache = set(env, "XDG_CACHE_HOME") != null ? Path.of(set(env, "XDG_CACHE_HOME")) : Path.of(home, ".cache");
    Path override = set(env, "WT_PG_HOME") != null ? Path.of(set(env, "WT_PG_HOME")) : null;
    if (override != null) {
      this.dataRoot = override.resolve("clusters");
      this.cacheRoot = override.resolve("dist");
    } else if (root) {
      this.dataRoot = Path.of("/var/lib/wt/pg");
      this.cacheRoot = Path.of("/var/lib/wt/dist");
    } else {
      this.dataRoot = data.resolve("wt").resolve("pg");
      this.cacheRoot = cache.resolve("wt").resolve("postgres");
    }
  }

  /** Where the clusters live (a folder per repository). */
  Path dataRoot() {
    return dataRoot;
  }

  private static String set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  @Override
  public PgServer start(Settings s, Reporter reporter) {
    Path home = dataRoot.resolve(s.key());
    Path data = home.resolve("data");
    Properties meta = ClusterFiles.readMeta(home);
    Path bin = binaries(s, meta, reporter);
    int version = PgBinaries.majorVersion(bin);
    if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
      init(s, home, data, bin, reporter);
    } else if (!ClusterFiles.configured(data)) {
      rebuildHalfMade(s, home, data, bin, reporter);
    } else if (!String.valueOf(version).equals(ClusterFiles.readVersion(data))) {
      throw WtException.environment("the embedded cluster in " + data + " is PostgreSQL " + ClusterFiles.readVersion(data)
          + " but the binaries in " + bin + " are " + version,
          "set [postgres] bin_dir to a PostgreSQL " + ClusterFiles.readVersion(data) + " installation, or remove " + home
              + " (its databases are lost) and run wt up again");
    }
    Integer running = runningPort(data);
    if (running != null) {
      return server(running);
    }
    int port = choosePort(s, meta, reporter);
    writeConf(data, port, version, s);
    if (!ClusterFiles.configured(data)) {
      // on PostgreSQL's defaults it would listen on 5432, maybe beside a server that is not wt's
      throw WtException.internal("the embedded cluster in " + data + " lacks wt's configuration; not starting it", null);
    }
    meta.setProperty("port", String.valueOf(port));
    meta.setProperty("bin", bin.toString());
    ClusterFiles.writeMeta(home, meta);
    reporter.progress("starting the embedded PostgreSQL " + version + " on 127.0.0.1:" + port);
    Exec.Result r = exec(s, bin, List.of("pg_ctl", "-D", data.toString(), "-l", home.resolve("server.log").toString(),
        "-w", "-t", "60", "start"), Duration.ofSeconds(90));
    if (!r.ok()) {
      throw WtException.environment("the embedded PostgreSQL did not start: " + (r.stderr() + r.stdout()).strip(),
          "read " + home.resolve("server.log") + "; wt db server status shows where it lives");
    }
    reporter.done("embedded PostgreSQL " + version + " running on 127.0.0.1:" + port + " (data in " + data + ")");
    return server(port);
  }

  @Override
  public Optional<PgServer> check(Settings s) {
    Properties meta = ClusterFiles.readMeta(dataRoot.resolve(s.key()));
    boolean known = s.binDir() == null && meta.getProperty("bin") != null
        && PgBinaries.has(Path.of(meta.getProperty("bin")), SERVER);
    if (!known && PgBinaries.find(s.binDir(), env, SERVER).isEmpty() && !s.download()) {
      throw noBinaries();
    }
    Status status = status(s);
    return status.running() && status.port() != null ? Optional.of(server(status.port())) : Optional.empty();
  }

  private static WtException noBinaries() {
    return WtException.environment("no PostgreSQL server binaries (initdb, postgres, pg_ctl) found",
        "install PostgreSQL, set [postgres] bin_dir, or allow [postgres] download = true");
  }

  @Override
  public boolean stop(Settings s, Reporter reporter) {
    Path home = dataRoot.resolve(s.key());
    Path data = home.resolve("data");
    Properties meta = ClusterFiles.readMeta(home);
    if (!Files.isRegularFile(data.resolve("PG_VERSION")) || meta.getProperty("bin") == null) {
      return false;
    }
    Path bin = Path.of(meta.getProperty("bin"));
    if (runningPort(data) == null) {
      return false;
    }
    Exec.Result r = exec(s, bin, List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
        Duration.ofSeconds(90));
    if (!r.ok()) {
      throw WtException.environment("cannot stop the embedded PostgreSQL: " + (r.stderr() + r.stdout()).strip(),
          "read " + home.resolve("server.log"));
    }
    reporter.done("stopped the embedded PostgreSQL (data kept in " + data + ")");
    return true;
  }

  @Override
  public boolean remove(Settings s, Reporter reporter) {
    Path home = dataRoot.resolve(s.key());
    if (!Files.isDirectory(home)) {
      return false;
    }
    stop(s, reporter);
    try {
      dev.wt.port.FileTrees.delete(home);
    } catch (java.io.IOException e) {
      throw WtException.environment("cannot delete " + home + ": " + e.getMessage(), "delete it by hand");
    }
    reporter.done("removed the embedded PostgreSQL and its data (" + home + ")");
    return true;
  }

  @Override
  public Status status(Settings s) {
    Path home = dataRoot.resolve(s.key());
    Path data = home.resolve("data");
    Properties meta = ClusterFiles.readMeta(home);
    boolean initialised = Files.isRegularFile(data.resolve("PG_VERSION"));
    String bin = meta.getProperty("bin");
    Integer port = meta.getProperty("port") == null ? null : Integer.valueOf(meta.getProperty("port"));
    boolean running = initialised && bin != null && runningPort(data) != null;
    return new Status(s.key(), initialised, running, data.toString(), bin, initialised ? ClusterFiles.readVersion(data) : null, port);
  }

  private PgServer server(int port) {
    return new PgServer("127.0.0.1", port, "postgres", null, "postgres");
  }

  private Path binaries(Settings s, Properties meta, Reporter reporter) {
    if (s.binDir() == null && meta.getProperty("bin") != null && PgBinaries.has(Path.of(meta.getProperty("bin")), SERVER)) {
      return Path.of(meta.getProperty("bin"));
    }
    Optional<Path> local = PgBinaries.find(s.binDir(), env, SERVER);
    if (local.isPresent()) {
      return local.get();
    }
    if (!s.download()) {
      throw noBinaries();
    }
    Path bin = ZonkyDownload.binaries(cacheRoot, env, reporter);
    if (root) {
      ClusterFiles.chown(cacheRoot, s.runAs(), true);
    }
    return bin;
  }

  /**
   * initdb into {@code data.initdb} beside the final folder, configured there, and renamed into
   * place only then: a crash at any point leaves either no cluster or a complete one.
   */
  private void init(Settings s, Path home, Path data, Path bin, Reporter reporter) {
    reporter.progress("creating the embedded PostgreSQL cluster in " + data);
    Path staging = home.resolve(ClusterFiles.STAGING);
    try {
      Files.createDirectories(home);
      // what an interrupted initdb left (here, or in data/ without PG_VERSION before clusters were made aside):
      // never started, so nothing in it is anyone's data
      dev.wt.port.FileTrees.delete(staging);
      dev.wt.port.FileTrees.delete(data);
      if (root) {
        ClusterFiles.requireUser(s.runAs());
        Files.createDirectories(dataRoot.getParent());
        ClusterFiles.chown(home, s.runAs(), false);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot create " + home + ": " + e.getMessage(), "check the folder's permissions");
    }
    Exec.Result r = exec(s, bin, List.of("initdb", "-D", staging.toString(), "-U", "postgres", "-E", "UTF8",
        "--locale=C", "--auth=trust", "--no-instructions"), Duration.ofMinutes(3));
    if (!r.ok() && r.stderr().contains("no-instructions")) {
      r = exec(s, bin, List.of("initdb", "-D", staging.toString(), "-U", "postgres", "-E", "UTF8", "--locale=C",
          "--auth=trust"), Duration.ofMinutes(3));
    }
    if (!r.ok()) {
      throw WtException.environment("initdb failed: " + (r.stderr() + r.stdout()).strip(),
          root ? "wt runs the server as user '" + s.runAs() + "' because PostgreSQL refuses root; check that it can "
              + "write " + home : "check that " + home + " is writable");
    }
    try {
      ClusterFiles.configure(staging);
      Files.move(staging, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw WtException.environment("cannot configure " + data + ": " + e.getMessage(), "check its permissions");
    }
    reporter.done("created the embedded PostgreSQL cluster in " + data);
  }

  /**
   * A cluster without wt's configuration was cut off while being made (by a wt before clusters were
   * made aside): made again when it holds no database of the user's, else left for them to decide.
   */
  private void rebuildHalfMade(Settings s, Path home, Path data, Path bin, Reporter reporter) {
    Path conf = data.resolve("postgresql.conf");
    if (runningPort(data) != null) {
      throw WtException.environment("a PostgreSQL server runs from " + data + " without wt's configuration "
              + "(its creation was cut off, so it listens where PostgreSQL's defaults say)",
          "stop it: " + (root ? "runuser -u " + s.runAs() + " -- " : "") + bin.resolve("pg_ctl") + " -D " + data
              + " -m fast stop; then run the command again");
    }
    List<String> userDatabases = ClusterFiles.userDatabaseFolders(data);
    if (!userDatabases.isEmpty()) {
      throw WtException.environment("the embedded cluster in " + data + " lacks wt's configuration (its creation "
              + "was cut off) and holds " + userDatabases.size() + " database(s) besides PostgreSQL's own",
          "keep them and finish it: echo \"include_if_exists = 'wt.conf'\" >> " + conf
              + "; or drop them with it: wt db server remove --force");
    }
    reporter.warn("the embedded cluster in " + data + " was left half-made by an interrupted wt (no databases in it); "
        + "making it again");
    try {
      dev.wt.port.FileTrees.delete(data);
    } catch (IOException e) {
      throw WtException.environment("cannot delete the half-made cluster " + data + ": " + e.getMessage(),
          "delete it by hand, then run the command again");
    }
    init(s, home, data, bin, reporter);
  }

  private void writeConf(Path data, int port, int version, Settings s) {
    StringBuilder c = new StringBuilder("# written by wt at every start\n")
        .append("port = ").append(port).append('\n')
        .append("listen_addresses = '127.0.0.1'\n")
        .append("unix_socket_directories = ''\n")
        .append("max_connections = 200\n")
        .append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
    if (version >= 18) {
      // copy-on-write clones of template databases where the filesystem can (XFS, Btrfs, APFS)
      c.append("file_copy_method = clone\n");
    }
    try {
      Path conf = data.resolve("wt.conf");
      Files.writeString(conf, c);
      if (root) {
        ClusterFiles.chown(conf, s.runAs(), false);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot write " + data.resolve("wt.conf") + ": " + e.getMessage(),
          "check its permissions");
    }
  }

  /**
   * The port the cluster answers on when it runs (postmaster.pid line 4), else null. Running means
   * what {@code pg_ctl status} checks: the process postmaster.pid names (line 1; negative for a
   * single-user server) is alive. Asked here, not by starting pg_ctl: an up asks three times.
   */
  private Integer runningPort(Path data) {
    Path pid = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pid)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(pid);
      if (lines.size() <= 3 || !ProcessHandle.of(Math.abs(Long.parseLong(lines.get(0).strip()))).map(ProcessHandle::isAlive)
          .orElse(false)) {
        return null; // left by a server that was killed, or still being written by one starting
      }
      return Integer.valueOf(lines.get(3).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private int choosePort(Settings s, Properties meta, Reporter reporter) {
    if (s.port() != null) {
      return s.port();
    }
    String kept = meta.getProperty("port");
    if (kept != null && ports.isFree(Integer.parseInt(kept))) {
      return Integer.parseInt(kept);
    }
    try {
      int port = ports.anyFree();
      if (kept != null) {
        reporter.warn("port " + kept + " of the embedded PostgreSQL is taken; moving to " + port
            + " (wt setup rewrites each worktree's env file)");
      }
      return port;
    } catch (IOException e) {
      throw WtException.environment("cannot find a free port: " + e.getMessage(), "set [postgres] port");
    }
  }

  /** Runs a server program, as the unprivileged user when wt runs as root. */
  private Exec.Result exec(Settings s, Path bin, List<String> command, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    if (root) {
      // by absolute path: hooks run with a bare PATH that lacks /usr/sbin
      cmd.addAll(List.of(dev.wt.adapter.process.Tools.find("runuser"), "-u", s.runAs(), "--"));
    }
    cmd.add(bin.resolve(command.get(0)).toString());
    cmd.addAll(command.subList(1, command.size()));
    return Exec.run(cmd, dataRoot.getParent() != null && Files.isDirectory(dataRoot) ? dataRoot : null,
        Map.of("LC_ALL", "C", "TZ", "UTC"), timeout);
  }
}
