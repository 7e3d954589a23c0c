package dev.wt.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A database wt created for one worktree, frozen in its record.
 *
 * @param name the logical name from the configuration ({@code app}, {@code world})
 * @param engine PostgreSQL or SQLite (a record without it: PostgreSQL)
 * @param mode the server mode it lives on ({@link ServerMode#FILE} for SQLite; a record without it: url)
 * @param database the database name on the server, or the SQLite file's absolute path
 * @param vars the env variables it exposes (URL and parts), exactly as written to the env file
 * @param file SQLite only: whose file it is; null for PostgreSQL and in records written before wt kept it
 */
public record OwnedDatabase(String name, DbEngine engine, ServerMode mode, String database, String host, int port,
    String user, DbFill fill, Map<String, String> vars, SqliteFile file) {

  public OwnedDatabase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(database, "database");
    engine = engine == null ? DbEngine.POSTGRES : engine;
    mode = mode == null ? ServerMode.URL : mode;
    fill = fill == null ? DbFill.EMPTY : fill;
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
  }

  /** A PostgreSQL database (no file). */
  public OwnedDatabase(String name, DbEngine engine, ServerMode mode, String database, String host, int port,
      String user, DbFill fill, Map<String, String> vars) {
    this(name, engine, mode, database, host, port, user, fill, vars, null);
  }

  public boolean postgres() {
    return engine == DbEngine.POSTGRES;
  }

  /**
   * The comment that marks a database as owned by one worktree of one repository:
   * {@code wt:<project>:<slug> (repo <key>)}. The repository key keeps two checkouts with the same
   * folder name (same default project) and branch from adopting, then dropping, each other's data.
   */
  public static String ownerComment(String project, String slug, String repoKey) {
    return "wt:" + project + ":" + slug + repoSuffix(repoKey);
  }

  /** The part of every mark that names the repository. */
  public static String repoSuffix(String repoKey) {
    return " (repo " + repoKey + ")";
  }

  /** Put before the repository part of a mark while the database carrying it is being filled. */
  private static final String UNFINISHED = " (unfinished)";

  /**
   * The mark a staging copy carries from its CREATE until it is completely filled: {@code mark}
   * with {@code (unfinished)} before the repository part. Still this repository's mark, but never
   * equal to the mark of the database it replaces, so no later run renames a half-filled copy in.
   */
  public static String unfinished(String mark) {
    int repo = mark.lastIndexOf(" (repo ");
    if (repo < 0 || !mark.startsWith("wt:")) {
      throw new IllegalArgumentException("not a wt mark: " + mark);
    }
    return mark.substring(0, repo) + UNFINISHED + mark.substring(repo);
  }

  /** The mark an {@link #unfinished} one becomes once its copy is complete; any other comment as it is. */
  public static String finished(String comment) {
    int repo = comment == null ? -1 : comment.lastIndexOf(" (repo ");
    if (repo < 0 || !comment.startsWith("wt:") || !comment.startsWith(UNFINISHED, repo - UNFINISHED.length())) {
      return comment;
    }
    return comment.substring(0, repo - UNFINISHED.length()) + comment.substring(repo);
  }

  /** Whether a database comment is any mark wt puts on what it makes for this repository. */
  public static boolean markedBy(String comment, String repoKey) {
    return comment != null && comment.startsWith("wt:") && comment.endsWith(repoSuffix(repoKey));
  }

  /** Whether a database comment is a mark wt put there for some other repository. */
  public static boolean markedByAnother(String comment, String repoKey) {
    return comment != null && comment.startsWith("wt:") && !comment.endsWith(repoSuffix(repoKey));
  }

  /** The databases every PostgreSQL server has; never wt's, never the user's data. */
  public static final java.util.Set<String> SYSTEM_DATABASES = java.util.Set.of("postgres", "template0", "template1");
}
