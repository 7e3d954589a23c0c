package dev.wt.port;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker Compose projects as wt uses them: one per worktree, started, watched and removed by name. */
public interface ComposeProjects {

  /** The state of one container of a project. */
  record Service(String name, String state, String health, int exitCode) {

    /** Running and, when it has a health check, healthy; or a one-shot that finished well. */
    public boolean ready() {
      return ("running".equals(state) && (health.isEmpty() || "healthy".equals(health)))
          || ("exited".equals(state) && exitCode == 0);
    }

    /** Exited with an error, or its health check gave up. */
    public boolean failed() {
      return ("exited".equals(state) && exitCode != 0) || "dead".equals(state) || "unhealthy".equals(health);
    }
  }

  /** Whether an engine answers. */
  boolean available();

  /** The compose command in use ({@code docker compose} or {@code docker-compose}), for messages. */
  String command();

  /**
   * {@code compose -p PROJECT -f FILE up -d} in {@code dir}, with {@code env} added to the
   * environment the file's {@code ${VAR}}s are read from; returns what failed (null when it worked).
   */
  String up(Path dir, String file, String project, Map<String, String> env, Duration timeout);

  /** The containers of {@code project}, found by compose's project label. */
  List<Service> services(String project);

  /**
   * Removes the project's containers, networks and volumes ({@code down -v}): through compose
   * when {@code file} is still there, else by compose's project label. Returns what failed, null
   * when all went.
   */
  String down(Path dir, String file, String project, Map<String, String> env);

  /** The names of every compose project that has a container, network or volume on the engine. */
  Set<String> projects();
}
