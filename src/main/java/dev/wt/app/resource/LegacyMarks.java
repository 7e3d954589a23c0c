package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.PgServer;
import dev.wt.core.Shell;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;

/**
 * Database marks made before repository ids, with the key of the path alone ({@link Repo#legacyKey()}):
 * this repository's, or another machine's with the repository at the same path. wt takes such a
 * database as its own only where a record of this repository names it, and then marks it again
 * with {@link Repo#key()} when it keeps it; it never drops one by its mark alone.
 */
public final class LegacyMarks {

  private LegacyMarks() {}

  /** The legacy mark of the worktree {@code slug} of this repository's project. */
  public static String owner(Repo repo, String slug) {
    return OwnedDatabase.ownerComment(repo.project(), slug, repo.legacyKey());
  }

  /**
   * {@code mark} with this repository's other key: the legacy one for a new mark, the new one for a
   * legacy mark. A staging copy of a database a record here names carries either.
   */
  public static String twin(Repo repo, String mark) {
    String now = OwnedDatabase.repoSuffix(repo.key());
    String old = OwnedDatabase.repoSuffix(repo.legacyKey());
    if (mark.endsWith(now)) {
      return mark.substring(0, mark.length() - now.length()) + old;
    }
    return mark.endsWith(old) ? mark.substring(0, mark.length() - old.length()) + now : mark;
  }

  /** Marks {@code database}, found with its legacy mark and named by this repository's record, as {@code owner}. */
  public static void remark(Postgres.Session s, String database, String owner, Reporter reporter) {
    s.comment(database, owner);
    reporter.done("database " + database + ": marked with this repository's id (its mark predates repository ids)");
  }

  /**
   * Why a database with a legacy mark on {@code server} stays, and how to drop it by hand there: for
   * gc's listing and the last worktree's teardown. The command names the server (never its password).
   */
  public static String kept(PgServer server, String database, boolean template) {
    return "kept: its mark predates repository ids, so it may be another machine's with this repository at the "
        + "same path; if it is yours, drop it by hand (dropdb -h " + Shell.quote(server.host()) + " -p " + server.port()
        + (server.user() == null ? "" : " -U " + Shell.quote(server.user())) + " " + Shell.quote(database)
        + (template ? ", after ALTER DATABASE … IS_TEMPLATE false" : "") + ")";
  }
}
