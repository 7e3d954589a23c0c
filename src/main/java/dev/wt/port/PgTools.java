package dev.wt.port;

import dev.wt.core.PgServer;
import dev.wt.core.PgSource;
import java.util.List;

/** PostgreSQL's client programs: psql with the terminal attached, pg_dump and pg_restore. */
public interface PgTools {

  /** Runs psql on {@code database} with the terminal attached; returns psql's exit code. */
  int psql(PgServer server, String database, List<String> args);

  /**
   * Checks, before anything is replaced, that {@code source} answers as PostgreSQL, holds its
   * database and is not newer than the local pg_dump. Refused (exit 1) for a database that does not
   * exist there, environment error (exit 3) for a server that does not answer or is not PostgreSQL.
   */
  void probe(PgSource source);

  /**
   * Copies {@code source} into {@code database} with {@code pg_dump -Fd -j N} then
   * {@code pg_restore -j N}; the target must exist and should be empty.
   */
  void copy(PgSource source, PgServer server, String database, int jobs, Reporter reporter);
}
