package dev.wt.testing;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * A repository {@code app} whose committed {@code wt.toml} names a project of its own (random, so
 * tests never meet on the local PostgreSQL); {@link #close} drops every database of that project.
 * Skips the test when no PostgreSQL answers on 127.0.0.1:5432.
 *
 * @param project the project name, the prefix of every database it gets
 */
public record PgProject(GitRepo repo, String project) implements AutoCloseable {

  private static final Pg PG = Pg.local();

  /** Creates it in {@code parent}: {@code prefix} plus 6 hex digits, and {@code moreToml} after the project line. */
  public static PgProject create(Path parent, String prefix, String moreToml) {
    org.junit.jupiter.api.Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    String project = prefix + HexFormat.of().formatHex(b);
    GitRepo repo = GitRepo.create(parent, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n" + moreToml).commitAll("wt config");
    return new PgProject(repo, project);
  }

  @Override
  public void close() {
    if (PG.answers()) {
      PG.dropAll(project);
    }
  }
}
