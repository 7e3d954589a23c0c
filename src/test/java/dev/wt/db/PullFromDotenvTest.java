package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code vercel env pull} flow: the pull source is one key of a dotenv file in the main worktree. */
class PullFromDotenvTest {

  private static final Pg PG = Pg.local();
  private static final String SECRET = "sk_live_do_not_print_me";

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private String source;
  // the pull source is the committed wt.toml's: approved for each run (WT_TRUST)
  private final Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "WT_TRUST", "1");

  @BeforeEach
  void sourceDatabase() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    byte[] b = new byte[3];
    new Random().nextBytes(b);
    project = "wtd" + HexFormat.of().formatHex(b);
    source = project + "_neon";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE orders(id int primary key)", "INSERT INTO orders SELECT generate_series(1, 42)");
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", """
        project = "%s"
        [databases.app]
        fill = "pull"
        source_file = ".env.local"
        source_key = "NEON_DATABASE_URL_UNPOOLED"
        """.formatted(project)).commitAll("pull from .env.local");
  }

  @AfterEach
  void drop() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void the_source_is_read_from_a_key_of_the_main_worktrees_dotenv_file_and_the_file_is_never_printed() {
    repo.write(".env.local", """
        # Created by Vercel CLI
        STRIPE_SECRET_KEY="%s"
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/elsewhere"
        NEON_DATABASE_URL_UNPOOLED="postgresql://postgres@127.0.0.1:5432/%s"
        """.formatted(SECRET, source));
    WtRun up = WtRun.in(repo.root(), env, "up", "feat/neon").ok();
    String db = DatabaseNames.of(project, WorktreeIdentity.derive("feat/neon"));
    assertEquals("42", PG.column(db, "SELECT count(*) FROM orders").get(0));
    assertFalse((up.out() + up.err()).contains(SECRET), up.err());
  }

  @Test
  void a_missing_key_is_refused_naming_the_key_and_not_the_files_contents() {
    repo.write(".env.local", "STRIPE_SECRET_KEY=" + SECRET + "\nNEON_DATABASE_URL=postgresql://x@h/db\n");
    WtRun up = WtRun.in(repo.root(), env, "up", "feat/nokey");
    assertTrue(up.exitCode() != 0, up.err());
    assertTrue(up.err().contains("NEON_DATABASE_URL_UNPOOLED"), up.err());
    assertFalse((up.out() + up.err()).contains(SECRET), up.err());
  }
}
