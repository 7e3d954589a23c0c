package dev.wt.port;

import dev.wt.core.PgServer;
import java.util.List;

/** PostgreSQL's client programs: psql with the terminal attached, pg_dump and pg_restore. */
public interface PgTools {

  /** Runs psql on {@code database} with the terminal attached; returns psql's exit code. */
  int psql(PgServer server, String database, List<String> args);

  /**
   * Copies {@code sourceUrl} into {@code database} with {@code pg_dump -Fd -j N} then
   * {@code pg_restore -j N}; the target must exist and should be empty.
   */
  void copy(String sourceUrl, PgServer server, String database, int jobs, Reporter reporter);
}
