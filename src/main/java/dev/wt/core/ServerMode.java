package dev.wt.core;

import java.util.Set;

/**
 * Where a worktree's database lives: one of the {@code [postgres] mode}s, or {@link #FILE} for a
 * SQLite database. In wt.toml, state files and {@code --json} as its lower-case name.
 */
public enum ServerMode {
  /** A cluster wt starts and owns (the default). */
  EMBEDDED,
  /** An existing server at {@code [postgres] url}. */
  URL,
  /** The project's compose service. */
  COMPOSE,
  /** One container per worktree. */
  CONTAINER,
  /** The user's {@code create}/{@code drop} commands make each database (a branching service: Neon, Database Lab, ZFS). */
  COMMAND,
  /** No PostgreSQL databases. */
  NONE,
  /** A SQLite file in the worktree; never a {@code [postgres] mode}. */
  FILE;

  /** The modes {@code [postgres] mode} and {@code WT_PG_MODE} accept. */
  public static final Set<ServerMode> CONFIGURABLE = Set.of(EMBEDDED, URL, COMPOSE, CONTAINER, COMMAND, NONE);

  /** The mode a word names; refuses any other word. */
  public static ServerMode of(String word) {
    return Words.parse(ServerMode.class, word)
        .orElseThrow(() -> new IllegalArgumentException("not a server mode: " + word));
  }

  /** Whether {@code [postgres] mode} accepts {@code word}. */
  public static boolean isConfigurable(String word) {
    return CONFIGURABLE.stream().anyMatch(m -> m.toString().equals(word));
  }

  @Override
  public String toString() {
    return Words.of(this);
  }
}
