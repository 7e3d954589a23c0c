package dev.wt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.ExampleProject;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/alembic: two worktrees migrated by the real {@code alembic upgrade head} through
 * {@code wt db migrate}, one on a branch with a further revision; {@code wt db status} names each
 * one's last revision with its file name.
 */
class AlembicExampleTest {

  private static final Pg PG = Pg.local();
  private static final String PHONE = """
      \"""add user phone

      Revision ID: 0003
      Revises: 0002
      \"""
      from alembic import op
      import sqlalchemy as sa

      revision = "0003"
      down_revision = "0002"
      branch_labels = None
      depends_on = None


      def upgrade():
          op.add_column("users", sa.Column("phone", sa.String(40)))


      def downgrade():
          op.drop_column("users", "phone")
      """;

  @TempDir Path tmp;
  private String project;

  @BeforeEach
  void tools() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Needs.tool(ExampleProject.runs("/usr/bin/python3", "-c", "import sqlalchemy, alembic, psycopg2"),
        "SQLAlchemy, Alembic and psycopg2 for /usr/bin/python3 (apt-get install python3-sqlalchemy python3-alembic "
            + "python3-psycopg2)");
    project = ExampleProject.uniqueProject("wtal");
  }

  @AfterEach
  void drop() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void two_worktrees_upgrade_their_own_databases_with_alembic() {
    // Debian's alembic on Debian's python3: wt's commands get the test JVM's PATH, where another may come first
    GitRepo repo = ExampleProject.copy("alembic", tmp, project,
        Map.of("\"alembic upgrade head\"", "\"/usr/bin/python3 -m alembic upgrade head\""));
    repo.branchWithCommit("feat/phone", "migrations/versions/0003_add_user_phone.py", PHONE);
    Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "WT_TRUST", "1");

    WtRun.in(repo.root(), env, "up", "feat/names").ok();
    WtRun.in(repo.root(), env, "up", "feat/phone").ok();
    Path names = tmp.resolve("alembic-names");
    Path phone = tmp.resolve("alembic-phone");
    WtRun.in(names, env, "db", "migrate").ok();
    WtRun.in(phone, env, "db", "migrate").ok();

    String a = WtRun.in(names, env, "db", "status").ok().out();
    String b = WtRun.in(phone, env, "db", "status").ok().out();
    assertTrue(a.contains("alembic: 0002 add_user_name"), a);
    assertTrue(b.contains("alembic: 0003 add_user_phone"), b);
    assertEquals(List.of(), column("feat/names", "phone"), "the phone column reached the other worktree's database");
    assertEquals(List.of("phone"), column("feat/phone", "phone"));
    assertFalse(PG.databases().contains(project), "migrations ran against the main database");

    WtRun.in(repo.root(), env, "down", "feat/names").ok();
    WtRun.in(repo.root(), env, "down", "feat/phone").ok();
    assertTrue(PG.databases().stream().noneMatch(d -> d.startsWith(project)), PG.databases().toString());
  }

  private List<String> column(String branch, String column) {
    return PG.column(DatabaseNames.of(project, WorktreeIdentity.derive(branch)),
        "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'users' "
            + "AND column_name = '" + column + "'");
  }
}
