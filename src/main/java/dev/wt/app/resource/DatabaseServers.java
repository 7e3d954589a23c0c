package dev.wt.app.resource;

import dev.wt.core.PgServer;
import dev.wt.core.ServerMode;
import dev.wt.core.WtException;
import dev.wt.core.config.PostgresConfig;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.Containers;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.PortProbe;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.Map;
import dev.wt.app.Repo;
import dev.wt.app.trust.TrustGate;

/**
 * Finds (and for the embedded mode, starts) the PostgreSQL server a repository's databases live on.
 * One instance serves one command; {@link #close} ends its use of the embedded cluster.
 */
public final class DatabaseServers implements AutoCloseable {

  private final Postgres postgres;
  private final EmbeddedPostgres embedded;
  private final DockerServers docker;
  private final TrustGate trust;
  private final Map<String, String> env;
  /**
   * Servers that answered in this command (one instance serves one command): each probe is a new
   * connection, 20-60 ms, and setup asks for the server before each of its steps.
   */
  private final java.util.Set<PgServer> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** @param trust approves the compose file or image of the Docker modes: they are the repository's to choose */
  public DatabaseServers(Postgres postgres, EmbeddedPostgres embedded, Containers containers, PortProbe ports,
      Map<String, String> env, TrustGate trust) {
    this.postgres = postgres;
    this.embedded = embedded;
    this.docker = new DockerServers(containers, postgres, ports, trust);
    this.trust = trust;
    this.env = Map.copyOf(env);
  }

  DockerServers docker() {
    return docker;
  }

  public Postgres postgres() {
    return postgres;
  }

  /**
   * The lock the embedded cluster (or a container) is started and stopped under: a start, a
   * {@code wt db server stop} or {@code remove} and the last down's stop take turns.
   */
  public static final String SERVER_LOCK = "server";

  /** Runs {@code action} holding the {@link #SERVER_LOCK} (across processes; re-entrant in one thread). */
  public <T> T serverLocked(Repo repo, java.util.function.Supplier<T> action) {
    return repo.state().locked(SERVER_LOCK, action);
  }

  /** The marks of the commands using the embedded cluster ({@link dev.wt.port.StateStore#use}). */
  static final String USERS = "server";

  /** This command's mark on each repository's embedded cluster, taken at its first start. */
  private final Map<java.nio.file.Path, dev.wt.port.StateStore.Use> uses = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Initialises and starts the embedded cluster if it does not run, under the {@link #SERVER_LOCK},
   * and marks this command as its user until {@link #close}: the last down's stop, decided under the
   * same lock, leaves a cluster a command started running, so that command connects (or, when the
   * stop came first, starts it again here) instead of finding it stopped.
   */
  public PgServer startEmbedded(Repo repo, Reporter reporter) {
    return serverLocked(repo, () -> {
      uses.computeIfAbsent(repo.location().commonDir(), c -> repo.state().use(USERS));
      return embedded.start(embeddedSettings(repo), reporter);
    });
  }

  /** Whether another wt command started the embedded cluster and is still running; ask under the {@link #SERVER_LOCK}. */
  public boolean usedByOtherCommands(Repo repo) {
    return repo.state().usedByOthers(USERS, uses.get(repo.location().commonDir()));
  }

  /** Ends this command's use of the embedded clusters it started, and closes its kept sessions. */
  @Override
  public void close() {
    postgres.release();
    uses.values().forEach(dev.wt.port.StateStore.Use::close);
    uses.clear();
  }

  /** The [postgres] section with WT_PG_MODE / WT_PG_IMAGE applied (they win over the files; WT_PG_URL too, in url mode). */
  public PostgresConfig config(Repo repo) {
    try {
      return repo.config().postgres().withEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw WtException.usage("WT_PG_MODE: " + e.getMessage(), "use embedded, url, compose, container, command or none");
    }
  }

  public ServerMode mode(Repo repo) {
    return config(repo).serverMode();
  }

  /**
   * Refuses (exit 4, with how to approve) unless what the repository's configuration gives at
   * {@code key} (a pull's source) may be used: approved, or the user's own.
   */
  public void requireApproved(Repo repo, String key, Reporter reporter) {
    trust.require(repo, key, "wt setup", repo.location().worktreeRoot(), reporter);
  }

  /** The server of a repository-wide mode (every mode but {@code container}). */
  public PgServer server(Repo repo, Reporter reporter) {
    return server(repo, null, reporter);
  }

  /**
   * The server, started when it is wt's (embedded, compose, the worktree's container); an
   * environment error when it does not answer.
   */
  public PgServer server(Repo repo, WorktreeRecord record, Reporter reporter) {
    PostgresConfig c = config(repo);
    PgServer server = switch (c.serverMode()) {
      case EMBEDDED -> startEmbedded(repo, reporter);
      case URL -> urlServer(repo, c);
      case COMPOSE -> docker.compose(repo, c, record, reporter);
      case CONTAINER -> {
        if (record == null) {
          throw WtException.refused("with [postgres] mode = \"container\" every worktree has its own server",
              "run this inside a worktree");
        }
        yield docker.container(repo, c, record, repo.serverKey(), reporter);
      }
      case COMMAND -> throw WtException.refused("with [postgres] mode = \"command\" your create command makes each "
          + "database, on a server wt does not manage", "use the worktree's DATABASE_URL (wt env) with your own tools");
      case NONE -> throw WtException.refused("databases are switched off ([postgres] mode = \"none\")",
          "set [postgres] mode in wt.toml");
      case FILE -> throw new IllegalStateException("[postgres] mode is never file");
    };
    if (!answered.contains(server)) {
      if (!postgres.answers(server)) {
        // open() names the real cause (refused login, no route, ...)
        postgres.open(server, server.adminDatabase()).close();
      }
      answered.add(server);
    }
    return server;
  }

  /**
   * What {@link #server} would need, checked without starting or creating anything: the URL
   * parses, the binaries are there. Returns the server when it should be up already (url mode, a
   * running embedded cluster), so names on it can be checked; the caller's connection to it shows
   * whether it answers.
   */
  public java.util.Optional<PgServer> check(Repo repo) {
    PostgresConfig c = config(repo);
    java.util.Optional<PgServer> server = switch (c.serverMode()) {
      case EMBEDDED -> embedded.check(embeddedSettings(repo));
      case URL -> java.util.Optional.of(urlServer(repo, c));
      case COMPOSE, CONTAINER -> {
        docker.requireEngine(); // the server is wt's to start, on an engine that must answer
        yield java.util.Optional.empty();
      }
      case COMMAND, NONE, FILE -> java.util.Optional.empty();
    };
    // not probed here: both callers open a session on it next, whose failure names the cause
    return server;
  }

  private PgServer urlServer(Repo repo, PostgresConfig c) {
    String url = env.getOrDefault("WT_PG_URL", c.url());
    PgServer s;
    try {
      s = PgServer.parse(url);
    } catch (IllegalArgumentException e) {
      throw WtException.refused("[postgres] url: " + e.getMessage(), "write it as postgresql://user@host:port/postgres (with :password after the user if the server asks for one)");
    }
    if (!userNamed(repo, c, s)) {
      // the repository chose the host: the user's PGPASSWORD and ~/.pgpass are for the user's servers
      return new PgServer(s.host(), s.port(), s.user(), s.password() != null ? s.password() : c.password(),
          s.adminDatabase(), false);
    }
    String password = s.password() != null ? s.password() : c.password() != null ? c.password() : env.get("PGPASSWORD");
    return new PgServer(s.host(), s.port(), s.user(), password, s.adminDatabase());
  }

  /**
   * Whether the user, not the repository, named the server: by WT_PG_URL, by the same url in the
   * user's own wt.local.toml, or as the PostgreSQL on this machine's default port (where the user's
   * own server answers; a repository can have nothing listen there without the user's approval).
   */
  private boolean userNamed(Repo repo, PostgresConfig c, PgServer s) {
    if (env.containsKey("WT_PG_URL") || s.loopback() && s.port() == 5432) {
      return true;
    }
    return trust.userOwn(repo).map(own -> java.util.Objects.equals(own.postgres().url(), c.url())).orElse(false);
  }

  public EmbeddedPostgres embedded() {
    return embedded;
  }

  public EmbeddedPostgres.Settings embeddedSettings(Repo repo) {
    PostgresConfig c = config(repo);
    return new EmbeddedPostgres.Settings(repo.serverKey(), c.port(), checkedBinDir(repo, c.binDir()), c.runAs(),
        c.download());
  }

  /**
   * wt runs the PostgreSQL programs in {@code bin_dir}: a folder inside the repository (or one of
   * its worktrees) holds whatever a commit put there, so it would run code nobody approved.
   */
  private static String checkedBinDir(Repo repo, String binDir) {
    if (binDir == null) {
      return null;
    }
    java.nio.file.Path dir = java.nio.file.Path.of(binDir);
    java.util.List<java.nio.file.Path> trees = new java.util.ArrayList<>();
    trees.add(dev.wt.port.RealPaths.of(repo.main()));
    repo.state().all().forEach(r -> trees.add(dev.wt.port.RealPaths.of(java.nio.file.Path.of(r.path()))));
    // and the worktrees wt did not make (git worktree add, another tool): git's gitdir files name them
    try {
      for (java.nio.file.Path admin : repo.disk().entriesIn(repo.location().commonDir().resolve("worktrees"))) {
        repo.disk().read(admin.resolve("gitdir")).map(String::strip).filter(t -> !t.isEmpty())
            .map(t -> admin.resolve(t).normalize().getParent()).filter(java.util.Objects::nonNull)
            .ifPresent(w -> trees.add(dev.wt.port.RealPaths.of(w)));
      }
    } catch (java.io.IOException e) {
      // no worktrees folder: no linked worktrees
    }
    java.nio.file.Path real = dir.isAbsolute() ? dev.wt.port.RealPaths.of(dir) : null;
    if (real == null || trees.stream().anyMatch(real::startsWith)) {
      throw WtException.refused("[postgres] bin_dir " + binDir + " is " + (real == null ? "a relative path" : "inside the "
              + "repository or one of its worktrees") + ": wt would run programs a commit can change",
          "point bin_dir at an installed PostgreSQL (an absolute path such as /usr/lib/postgresql/16/bin), or leave it out");
    }
    return binDir;
  }
}
