package dev.wt.core.config;

/**
 * The merged configuration of one repository ({@code wt.toml} overlaid by {@code wt.local.toml}).
 * Every section has defaults, so an empty file (or none) is a working configuration.
 * A component's TOML key is its name in snake_case ({@code worktreeDir} is {@code worktree_dir}),
 * a rule of the adapter's mapping (TomlConfigLoader), not annotations here.
 */
public record WtConfig(
    String project,
    String base,
    String worktreeDir,
    EnvConfig env,
    FilesConfig files,
    BrowserSessionConfig browserSession,
    SetupConfig setup,
    GitConfig git,
    DatabasesConfig databases,
    PostgresConfig postgres,
    PortsConfig ports,
    UrlConfig url,
    RedisConfig redis,
    TeardownConfig teardown,
    ServicesConfig services) {

  /** The default folder of a new worktree, relative to the main worktree. */
  public static final String DEFAULT_WORKTREE_DIR = "../${WT_REPO}-${WT_NAME}";

  public WtConfig {
    if (project != null && project.isBlank()) {
      throw new IllegalArgumentException("project must not be blank");
    }
    if (base != null && base.isBlank()) {
      throw new IllegalArgumentException("base must not be blank");
    }
    // a branch or ref name: git would take "--output=x" for an option of the command it is given to
    if (base != null && (base.startsWith("-") || !base.chars().allMatch(c -> c > ' ' && c != 127))) {
      throw new IllegalArgumentException("base must be a branch or ref name (no leading -, spaces or control characters): "
          + base.replaceAll("\\p{Cntrl}", "?"));
    }
    worktreeDir = worktreeDir == null ? DEFAULT_WORKTREE_DIR : worktreeDir;
    if (worktreeDir.isBlank()) {
      throw new IllegalArgumentException("worktree_dir must not be blank");
    }
    env = env == null ? new EnvConfig(null, null) : env;
    files = files == null ? new FilesConfig(null, null, null) : files;
    browserSession = browserSession == null ? new BrowserSessionConfig(null, null) : browserSession;
    setup = setup == null ? new SetupConfig(null) : setup;
    git = git == null ? new GitConfig(null) : git;
    databases = databases == null ? DatabasesConfig.unset() : databases;
    postgres = postgres == null ? PostgresConfig.defaults() : postgres;
    ports = ports == null ? new PortsConfig(null, null) : ports;
    url = url == null ? new UrlConfig(null) : url;
    redis = redis == null ? new RedisConfig(null) : redis;
    teardown = teardown == null ? new TeardownConfig(null) : teardown;
    services = services == null ? new ServicesConfig(null) : services;
    // a SQLite file inside a linked folder would be the main worktree's file: one of the two must give
    for (DatabaseConfig d : databases.effective()) {
      if (!d.postgres()) {
        String file = d.path() != null ? d.path() : d.name() + ".sqlite";
        for (String link : files.symlink()) {
          String folder = link.endsWith("/") ? link : link + "/";
          if (file.equals(link) || file.startsWith(folder)) {
            throw new IllegalArgumentException("databases." + d.name() + ".path " + file + " lies inside files.symlink "
                + link + ", so every worktree would share the main worktree's database; link the files inside "
                + link + " that are to be shared instead (or copy it), or move the database out of it");
          }
        }
      }
    }
    // the default pattern simply yields no URL without ports; a pattern someone wrote must fit
    if (ports.count() < url.portsNeeded() && !url.pattern().equals(UrlConfig.DEFAULT_PATTERN)) {
      throw new IllegalArgumentException("url.pattern needs " + url.portsNeeded() + " port(s) but ports.count is "
          + ports.count());
    }
  }

  /** A configuration without {@code [redis]} and {@code [teardown]}, for callers that predate them. */
  public WtConfig(String project, String base, String worktreeDir, EnvConfig env, FilesConfig files,
      BrowserSessionConfig browserSession, SetupConfig setup, GitConfig git, DatabasesConfig databases,
      PostgresConfig postgres, PortsConfig ports, UrlConfig url) {
    this(project, base, worktreeDir, env, files, browserSession, setup, git, databases, postgres, ports, url, null, null);
  }

  /** A configuration without {@code [services]}. */
  public WtConfig(String project, String base, String worktreeDir, EnvConfig env, FilesConfig files,
      BrowserSessionConfig browserSession, SetupConfig setup, GitConfig git, DatabasesConfig databases,
      PostgresConfig postgres, PortsConfig ports, UrlConfig url, RedisConfig redis, TeardownConfig teardown) {
    this(project, base, worktreeDir, env, files, browserSession, setup, git, databases, postgres, ports, url, redis,
        teardown, null);
  }

  /** The configuration used when a repository has no wt.toml. */
  public static WtConfig defaults() {
    return new WtConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
