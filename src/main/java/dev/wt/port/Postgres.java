package dev.wt.port;

import dev.wt.core.PgServer;
import java.util.List;
import java.util.Optional;

/** Administers databases on a PostgreSQL server: the only way wt talks SQL. */
public interface Postgres {

  /** Connects to {@code database} on {@code server}; environment error when it does not answer. */
  Session open(PgServer server, String database);

  /** Whether the server accepts connections right now (a short probe). */
  boolean answers(PgServer server);

  /**
   * Gets {@code sessions} sessions on the server's admin database ready for this command's next
   * opens, in the background, where sessions are kept for reuse; a failure is the next open's to
   * report. Without reuse, nothing.
   */
  default void warm(PgServer server, int sessions) {}

  /** Closes what {@link #warm} and closed sessions left open for reuse: the command is ending. */
  default void release() {}

  /** A database as {@code pg_database} describes it. */
  record DatabaseInfo(String name, String comment, boolean template, int connectionLimit) {

    /** Left invalid by a DROP that was cut off (PostgreSQL 15.4+ marks it so): it can only be dropped. */
    public boolean invalid() {
      return connectionLimit == -2;
    }
  }

  /**
   * The last applied migration a migration tool recorded: which tool, and its name or version.
   *
   * @param appliedAt what the tool stored beside it that helps name it (drizzle's {@code created_at},
   *     the journal's {@code when}); null when nothing
   */
  record Migration(String tool, String last, String appliedAt) {
    public Migration(String tool, String last) {
      this(tool, last, null);
    }
  }

  /** One connection; every statement has a timeout and every identifier is quoted. */
  interface Session extends AutoCloseable {

    /** {@code server_version_num}, e.g. 150020. */
    int serverVersion();

    String setting(String name);

    Optional<DatabaseInfo> database(String name);

    List<DatabaseInfo> databases();

    /** CREATE DATABASE, from {@code template} when not null (FILE_COPY on PostgreSQL 15+). */
    void create(String name, String template);

    void comment(String name, String comment);

    void connectionLimit(String name, int limit);

    void setTemplate(String name, boolean isTemplate);

    void rename(String from, String to);

    /** Ends every other session on {@code name}; returns how many. */
    int terminate(String name);

    /**
     * The other clients' sessions on the server, {@code on <database> from <application>} each:
     * every client session but those of this process.
     */
    List<String> otherClients();

    /** DROP DATABASE IF EXISTS ... WITH (FORCE): sessions on it are ended. */
    void drop(String name);

    long size(String name);

    /** Tables outside the system schemas in the connected database. */
    int tableCount();

    /** The newest entry of the migration tables the connected database holds, if any. */
    Optional<Migration> lastMigration();

    @Override
    void close();
  }
}
