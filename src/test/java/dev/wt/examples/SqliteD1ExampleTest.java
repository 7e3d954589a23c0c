package dev.wt.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.ExampleProject;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sqlite-d1: the seed database built in the main worktree is copied into two worktrees,
 * each migrated by the example's script (wrangler's d1_migrations table); {@code wt db status}
 * shows each one's last migration, writes stay in their own copy, and down deletes the copies only.
 */
class SqliteD1ExampleTest {

  @TempDir Path tmp;

  @Test
  void two_worktrees_get_their_own_copy_of_the_seed_and_migrate_it() throws Exception {
    Needs.tool(ExampleProject.runs("sqlite3", "-version"), "no sqlite3 here (apt-get install sqlite3)");
    GitRepo repo = ExampleProject.copy("sqlite-d1", tmp, ExampleProject.uniqueProject("wtd1"));
    repo.branchWithCommit("feat/reviews", "migrations/0002_reviews.sql",
        "CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), stars INTEGER);\n");
    ExampleProject.check(repo.root(), "sh", "scripts/make-seed.sh");
    Path seed = repo.path("seed/d1.sqlite");
    byte[] seedBefore = Files.readAllBytes(seed);
    Map<String, String> env = Map.of("WT_TRUST", "1");

    WtRun.in(repo.root(), env, "up", "feat/cart").ok();
    WtRun.in(repo.root(), env, "up", "feat/reviews").ok();
    Path cart = tmp.resolve("sqlite-d1-cart");
    Path reviews = tmp.resolve("sqlite-d1-reviews");
    WtRun.in(cart, env, "db", "migrate").ok();
    WtRun.in(reviews, env, "db", "migrate").ok();

    String a = WtRun.in(cart, env, "db", "status").ok().out();
    String b = WtRun.in(reviews, env, "db", "status").ok().out();
    assertTrue(a.contains("d1: 0001_products.sql"), a);
    assertTrue(b.contains("d1: 0002_reviews.sql"), b);
    Path dbA = cart.resolve(".wrangler/state/d1.sqlite");
    Path dbB = reviews.resolve(".wrangler/state/d1.sqlite");
    assertEquals("2", sql(cart, dbA, "SELECT count(*) FROM products"), "the seed's rows were copied");
    assertEquals("2", sql(reviews, dbB, "SELECT count(*) FROM products"));
    sql(cart, dbA, "INSERT INTO products (name) VALUES ('only in cart')");
    assertEquals("3", sql(cart, dbA, "SELECT count(*) FROM products"));
    assertEquals("2", sql(reviews, dbB, "SELECT count(*) FROM products"), "a write reached the other worktree");
    assertEquals("", sql(cart, dbA, "SELECT name FROM sqlite_master WHERE name = 'reviews'"));

    WtRun.in(repo.root(), env, "down", "feat/cart").ok();
    WtRun.in(repo.root(), env, "down", "feat/reviews").ok();
    assertFalse(Files.exists(cart) || Files.exists(reviews));
    assertArrayEquals(seedBefore, Files.readAllBytes(seed), "the seed changed");
  }

  private static String sql(Path dir, Path db, String query) {
    return ExampleProject.check(dir, "sqlite3", "-bail", db.toString(), query).strip();
  }
}
