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
 * examples/django: two worktrees, each migrated by Django's own {@code manage.py migrate} through
 * {@code wt db migrate}, one on a branch that adds a migration; {@code wt db status} shows each its
 * own last migration and the schemas differ.
 */
class DjangoExampleTest {

  private static final Pg PG = Pg.local();
  private static final String STOCK = """
      from django.db import migrations, models


      class Migration(migrations.Migration):
          dependencies = [("catalog", "0002_product_price_cents")]
          operations = [
              migrations.AddField(model_name="product", name="stock", field=models.IntegerField(default=0)),
          ]
      """;

  @TempDir Path tmp;
  private String project;

  @BeforeEach
  void tools() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Needs.tool(ExampleProject.runs("/usr/bin/python3", "-c", "import django, psycopg2"),
        "Django and psycopg2 for /usr/bin/python3 (apt-get install python3-django python3-psycopg2)");
    project = ExampleProject.uniqueProject("wtdj");
  }

  @AfterEach
  void drop() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void two_worktrees_migrate_their_own_databases_with_manage_py() {
    // Debian's python3, which has Django: wt's commands get the test JVM's PATH, where another may come first
    GitRepo repo = ExampleProject.copy("django", tmp, project, Map.of("\"python3 manage.py", "\"/usr/bin/python3 manage.py"));
    repo.branchWithCommit("feat/stock", "catalog/migrations/0003_product_stock.py", STOCK);
    Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "WT_TRUST", "1");

    WtRun.in(repo.root(), env, "up", "feat/prices").ok();
    WtRun.in(repo.root(), env, "up", "feat/stock").ok();
    Path prices = tmp.resolve("django-prices");
    Path stock = tmp.resolve("django-stock");
    WtRun.in(prices, env, "db", "migrate").ok();
    WtRun.in(stock, env, "db", "migrate").ok();

    String a = WtRun.in(prices, env, "db", "status").ok().out();
    String b = WtRun.in(stock, env, "db", "status").ok().out();
    assertTrue(a.contains("django: catalog.0002_product_price_cents"), a);
    assertTrue(b.contains("django: catalog.0003_product_stock"), b);
    assertFalse(a.contains("catalog.0003"), a); // not "0003" alone: the random project name may hold it
    assertEquals(List.of(), columns("feat/prices", "stock"), "the stock column reached the other worktree's database");
    assertEquals(List.of("stock"), columns("feat/stock", "stock"));
    assertFalse(PG.databases().contains(project), "migrations ran against the main database");

    WtRun.in(repo.root(), env, "down", "feat/prices").ok();
    WtRun.in(repo.root(), env, "down", "feat/stock").ok();
    assertTrue(PG.databases().stream().noneMatch(d -> d.startsWith(project)), PG.databases().toString());
  }

  private List<String> columns(String branch, String column) {
    return PG.column(DatabaseNames.of(project, WorktreeIdentity.derive(branch)),
        "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'catalog_product' "
            + "AND column_name = '" + column + "'");
  }
}
