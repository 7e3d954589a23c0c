package dev.wt.port;

import dev.wt.core.PgServer;

/** A PostgreSQL cluster wt starts and owns for one repository (the {@code embedded} mode). */
public interface EmbeddedPostgres {

  /**
   * What identifies and shapes the cluster.
   *
   * @param key names the cluster's folder: one per repository
   * @param port a fixed port, or null for a free one chosen once and kept
   * @param binDir configured binaries folder, or null to search (and download if allowed)
   */
  record Settings(String key, Integer port, String binDir, String runAs, boolean download) {}

  /** The cluster as found on disk and on the network. */
  record Status(String key, boolean initialised, boolean running, String dataDir, String binDir, String version,
      Integer port) {}

  /** Initialises (first time) and starts the cluster if it is not running; returns where it answers. */
  PgServer start(Settings settings, Reporter reporter);

  /**
   * Checks what {@link #start} would need without making anything: the binaries are there (or
   * may be downloaded). Returns the server when the cluster already runs, so its names can be checked.
   */
  java.util.Optional<PgServer> check(Settings settings);

  /** Stops the cluster; false when it was not running. */
  boolean stop(Settings settings, Reporter reporter);

  Status status(Settings settings);

  /** Stops the cluster and deletes its folder (data, logs, settings); false when there was none. */
  boolean remove(Settings settings, Reporter reporter);
}
