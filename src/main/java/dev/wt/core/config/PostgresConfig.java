package dev.wt.core.config;

import dev.wt.core.ServerMode;
import java.util.Set;

/**
 * Which PostgreSQL server the worktrees' databases live on ({@code [postgres]}).
 *
 * @param mode {@code embedded} (default: a cluster wt starts and owns), {@code url} (an existing
 *     server), {@code compose} (the project's compose service), {@code container} (one per
 *     worktree) or {@code none} (no databases)
 * @param url admin URL of the server for {@code url} mode, e.g. postgresql://postgres@127.0.0.1:5432/postgres
 * @param binDir folder holding initdb/postgres/psql/pg_dump, when not found on their own
 * @param port fixed port of the embedded cluster (default: a free one, chosen once)
 * @param runAs the unprivileged user the embedded server runs as when wt runs as root
 * @param download whether the embedded mode may download PostgreSQL from Maven Central
 * @param connectionLimit CONNECTION LIMIT of each worktree database
 * @param create for {@code command} mode: the shell command that makes a worktree's database and
 *     prints its URL on stdout
 * @param drop for {@code command} mode: the shell command that removes it
 * @param list for {@code command} mode, optional: prints every database name the service holds, one a line
 */
public record PostgresConfig(
    String mode,
    String url,
    String binDir,
    Integer port,
    String runAs,
    Boolean download,
    Integer connectionLimit,
    String image,
    String composeFile,
    String composeService,
    Integer basePort,
    String user,
    String password,
    String create,
    String drop,
    String list) {

  public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

  public PostgresConfig {
    mode = mode == null ? ServerMode.EMBEDDED.toString() : mode;
    if (!ServerMode.isConfigurable(mode)) {
      throw new IllegalArgumentException("postgres.mode must be one of embedded, url, compose, container, command, none: " + mode);
    }
    if (ServerMode.of(mode) == ServerMode.COMMAND && (blank(create) || blank(drop))) {
      throw new IllegalArgumentException("postgres.mode = \"command\" needs postgres.create and postgres.drop commands");
    }
    url = url == null ? DEFAULT_URL : url;
    if (port != null && (port <= 0 || port > 65535)) {
      throw new IllegalArgumentException("postgres.port out of range: " + port);
    }
    if (basePort != null && (basePort <= 0 || basePort > 65535)) {
      throw new IllegalArgumentException("postgres.base_port out of range: " + basePort);
    }
    runAs = runAs == null ? "postgres" : runAs;
    download = download == null ? Boolean.TRUE : download;
    connectionLimit = connectionLimit == null ? 20 : connectionLimit;
    if (connectionLimit < -1 || connectionLimit == 0) {
      throw new IllegalArgumentException("postgres.connection_limit must be positive (or -1 for none): " + connectionLimit);
    }
    image = image == null ? "postgres:17" : image;
    composeFile = composeFile == null ? "docker-compose.yml" : composeFile;
    composeService = composeService == null ? "postgres" : composeService;
    basePort = basePort == null ? 55432 : basePort;
    user = user == null ? "postgres" : user;
  }

  /** Without the commands of {@code command} mode. */
  public PostgresConfig(String mode, String url, String binDir, Integer port, String runAs, Boolean download,
      Integer connectionLimit, String image, String composeFile, String composeService, Integer basePort, String user,
      String password) {
    this(mode, url, binDir, port, runAs, download, connectionLimit, image, composeFile, composeService, basePort, user,
        password, null, null, null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The mode as a type ({@link #mode} is the word in wt.toml). */
  public ServerMode serverMode() {
    return ServerMode.of(mode);
  }

  /** The defaults: an embedded cluster. */
  public static PostgresConfig defaults() {
    return new PostgresConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * With {@code WT_PG_MODE} and {@code WT_PG_IMAGE} of {@code env} applied: they win over the files.
   * Refuses (IllegalArgumentException) a mode it does not know.
   */
  public PostgresConfig withEnvironment(java.util.Map<String, String> env) {
    String newMode = env.get("WT_PG_MODE");
    String newImage = env.get("WT_PG_IMAGE");
    return new PostgresConfig(blank(newMode) ? mode : newMode, url, binDir, port, runAs, download, connectionLimit,
        blank(newImage) ? image : newImage, composeFile, composeService, basePort, user, password, create, drop, list);
  }
}
