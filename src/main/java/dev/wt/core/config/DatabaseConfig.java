package dev.wt.core.config;

import dev.wt.core.DbEngine;
import dev.wt.core.DbFill;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One database every worktree gets ({@code [databases.<name>]} or {@code [[databases]]}).
 *
 * @param name logical name ({@code app}, {@code world}); in the table form the key
 * @param engine {@code postgres} (default) or {@code sqlite}
 * @param prefix start of the database name, {@code <prefix>_<slug>} (default: the project)
 * @param env variable that receives the URL (default DATABASE_URL for the first, else NAME_DATABASE_URL)
 * @param fill {@code template} (clone the template database), {@code empty} or {@code pull}
 * @param template the template database (default {@code <prefix>_template})
 * @param main the main worktree's database, the default source of the template (default {@code <prefix>})
 * @param sourceEnv for pull: the variable holding the source URL
 * @param sourceFile for pull: a file (relative to the main worktree) holding the source URL, or a
 *     dotenv file holding it under {@code sourceKey}; for SQLite: the file copied into each worktree
 * @param path SQLite only: the database file, relative to the worktree
 * @param migrate command {@code wt db migrate} runs with the worktree's env
 * @param sourceKey for pull: the key in the dotenv file {@code sourceFile} whose value is the source URL
 */
public record DatabaseConfig(
    String name,
    String engine,
    String prefix,
    String env,
    String hostEnv,
    String portEnv,
    String nameEnv,
    String userEnv,
    String passwordEnv,
    String fill,
    String template,
    String main,
    String sourceEnv,
    String sourceFile,
    String path,
    String migrate,
    String sourceKey) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  /** How a message names the database: its table's key is not known yet while a table is read. */
  private static String at(String name) {
    return name == null ? "[databases.*]" : "databases." + name;
  }
  private static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public DatabaseConfig {
    if (name != null && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name must match [a-z][a-z0-9_]* (at most 31 characters): " + name);
    }
    engine = engine == null ? "postgres" : engine;
    if (!engine.equals("postgres") && !engine.equals("sqlite")) {
      throw new IllegalArgumentException(at(name) + ".engine must be postgres or sqlite: " + engine);
    }
    if (prefix != null && !dev.wt.core.DatabaseNames.validPrefix(prefix)) {
      throw new IllegalArgumentException(at(name) + ".prefix must match [a-z_][a-z0-9_]* and leave room "
          + "for the slug: " + prefix);
    }
    for (String v : new String[] {env, hostEnv, portEnv, nameEnv, userEnv, passwordEnv, sourceEnv, sourceKey}) {
      if (v != null && !VAR.matcher(v).matches()) {
        throw new IllegalArgumentException(at(name) + ": not a valid variable name: " + v);
      }
    }
    for (String v : new String[] {env, hostEnv, portEnv, nameEnv, userEnv, passwordEnv}) {
      if (v != null && ReservedVariables.reserved(v)) {
        throw new IllegalArgumentException(at(name) + ": " + v + " is not a variable wt sets for a database"
            + " (programs read it as code, settings or a path to load); pick a name of your own, e.g. DATABASE_URL");
      }
    }
    fill = fill == null ? (engine.equals("sqlite") ? "empty" : "template") : fill;
    if (!DbFill.isWord(fill)) {
      throw new IllegalArgumentException(at(name) + ".fill must be empty, template or pull: " + fill);
    }
    if (fill.equals("pull") && sourceEnv == null && sourceFile == null) {
      throw new IllegalArgumentException(at(name) + ".fill = \"pull\" needs source_env or source_file");
    }
    if (sourceFile != null) {
      // read by wt (a pull source URL, a SQLite copy): a repository's configuration must not name the
      // user's other files; the real path is checked where the file is read (symlinks on the way)
      ConfigPaths.requireRelative(at(name) + ".source_file", sourceFile);
    }
    if (sourceKey != null && sourceFile == null) {
      throw new IllegalArgumentException(at(name) + ".source_key names a key in source_file, which is not set");
    }
    for (String id : new String[] {template, main}) {
      if (id != null && !IDENT.matcher(id).matches()) {
        throw new IllegalArgumentException(at(name) + ": not a valid database name: " + id);
      }
    }
    if (path != null) {
      ConfigPaths.requireWritable(at(name) + ".path", path);
    }
    if (migrate != null && migrate.isBlank()) {
      throw new IllegalArgumentException(at(name) + ".migrate must not be empty");
    }
  }

  /** The one database a repository without configuration gets: {@code app} in DATABASE_URL. */
  public static DatabaseConfig defaultApp() {
    return new DatabaseConfig("app", null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  public DatabaseConfig withName(String newName) {
    return new DatabaseConfig(newName, engine, prefix, env, hostEnv, portEnv, nameEnv, userEnv, passwordEnv, fill,
        template, main, sourceEnv, sourceFile, path, migrate, sourceKey);
  }

  public boolean postgres() {
    return engineType() == DbEngine.POSTGRES;
  }

  /** The engine as a type ({@link #engine} is the word in wt.toml). */
  public DbEngine engineType() {
    return DbEngine.of(engine);
  }

  /** The fill as a type ({@link #fill} is the word in wt.toml). */
  public DbFill fillType() {
    return DbFill.of(fill);
  }
}
