package dev.wt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.ExampleProject;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/nextjs-drizzle: two worktrees of a Next.js-style app, each with its own app and
 * analytics databases migrated by the real drizzle-kit (from npm) through {@code wt db migrate};
 * {@code wt db status} shows the journal tags; .env.local is linked, .vercel copied, and each has
 * its own browser-session file.
 */
class NextDrizzleExampleTest {

  private static final Pg PG = Pg.local();
  /** drizzle-kit, drizzle-orm and pg, installed once per package.json and reused (mvn clean removes them). */
  private static final Path NPM_CACHE = Path.of("target", "examples-npm", "nextjs-drizzle").toAbsolutePath();
  private static final String JOURNAL_WITH_ORDERS = """
      {
        "version": "7",
        "dialect": "postgresql",
        "entries": [
          {"idx": 0, "version": "7", "when": 1735689600000, "tag": "0000_create_users", "breakpoints": true},
          {"idx": 1, "version": "7", "when": 1735776000000, "tag": "0001_orders", "breakpoints": true}
        ]
      }
      """;

  @TempDir Path tmp;
  private String project;

  @BeforeEach
  void tools() throws Exception {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Needs.tool(ExampleProject.runs("npm", "--version") && ExampleProject.runs("npx", "--version"),
        "no node/npm here (apt-get install npm)");
    Needs.tool(installed(), "npm could not install the example's packages into " + NPM_CACHE);
    project = ExampleProject.uniqueProject("wtnx");
  }

  @AfterEach
  void drop() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  /** The example's dependencies in {@link #NPM_CACHE}, installed when its package.json changed. */
  private static boolean installed() throws Exception {
    String pkg = Files.readString(Path.of("examples/nextjs-drizzle/package.json"));
    Path cached = NPM_CACHE.resolve("package.json");
    if (Files.isDirectory(NPM_CACHE.resolve("node_modules/drizzle-kit")) && Files.exists(cached)
        && Files.readString(cached).equals(pkg)) {
      return true;
    }
    Files.createDirectories(NPM_CACHE);
    Files.writeString(cached, pkg);
    return ExampleProject.run(NPM_CACHE, "npm", "install", "--no-audit", "--no-fund", "--silent") == 0
        && Files.isDirectory(NPM_CACHE.resolve("node_modules/drizzle-kit"));
  }

  @Test
  void two_worktrees_migrate_both_databases_with_drizzle_kit_and_share_only_what_is_shared() throws Exception {
    GitRepo repo = ExampleProject.copy("nextjs-drizzle", tmp, project);
    repo.git("checkout", "-q", "-b", "feat/orders");
    repo.write("drizzle/0001_orders.sql", "CREATE TABLE \"orders\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n"
        + "\t\"user_id\" integer NOT NULL\n);\n").write("drizzle/meta/_journal.json", JOURNAL_WITH_ORDERS)
        .commitAll("orders").git("checkout", "-q", "main");
    // what a developer's main worktree holds besides the commits: dependencies, `vercel link`, `vercel env pull`
    ExampleProject.check(tmp, "cp", "-a", "--reflink=auto", NPM_CACHE.resolve("node_modules").toString(),
        repo.path("node_modules").toString());
    repo.write(".vercel/project.json", "{\"projectId\":\"prj_example\",\"orgId\":\"team_example\"}\n");
    String shared = "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/" + project + "_production\n"
        + "STRIPE_SECRET_KEY=sk_test_shared\n";
    repo.write(".env.local", shared);
    Map<String, String> env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "WT_TRUST", "1");

    WtRun.in(repo.root(), env, "up", "feat/users").ok();
    WtRun.in(repo.root(), env, "up", "feat/orders").ok();
    Path users = tmp.resolve("nextjs-drizzle-users");
    Path orders = tmp.resolve("nextjs-drizzle-orders");
    WtRun.in(users, env, "db", "migrate").ok();
    WtRun.in(orders, env, "db", "migrate").ok();

    String a = WtRun.in(users, env, "db", "status").ok().out();
    String b = WtRun.in(orders, env, "db", "status").ok().out();
    assertTrue(a.contains("drizzle: 0000_create_users") && a.contains("drizzle: 0000_create_events"), a);
    assertTrue(b.contains("drizzle: 0001_orders") && b.contains("drizzle: 0000_create_events"), b);
    assertFalse(a.contains("0001_orders"), a);
    assertEquals(List.of("orders"), table(project, "feat/orders", "orders"));
    assertEquals(List.of(), table(project, "feat/users", "orders"), "the orders table reached the other worktree");
    assertEquals(List.of("events"), table(project + "_analytics", "feat/users", "events"));
    assertFalse(PG.databases().contains(project + "_production"), "drizzle-kit followed .env.local's URL");

    for (Path wt : List.of(users, orders)) {
      assertTrue(Files.isSymbolicLink(wt.resolve(".env.local")), wt + ": .env.local is not a link");
      assertEquals(shared, Files.readString(wt.resolve(".env.local")));
      assertFalse(Files.isSymbolicLink(wt.resolve(".vercel")), wt + ": .vercel should be a copy");
      assertEquals(Files.readString(repo.path(".vercel/project.json")), Files.readString(wt.resolve(".vercel/project.json")));
      String envFile = Files.readString(wt.resolve(".env.development.local"));
      assertTrue(envFile.contains("ANALYTICS_DATABASE_URL=postgresql://"), envFile);
    }
    assertNotEquals(Files.readString(users.resolve("agent-browser.json")), Files.readString(orders.resolve("agent-browser.json")));

    WtRun.in(repo.root(), env, "down", "feat/users").ok();
    WtRun.in(repo.root(), env, "down", "feat/orders").ok();
    assertTrue(PG.databases().stream().noneMatch(d -> d.startsWith(project)), PG.databases().toString());
    assertEquals(shared, Files.readString(repo.path(".env.local")), "the shared secrets file changed");
  }

  private static List<String> table(String prefix, String branch, String table) {
    return PG.column(DatabaseNames.of(prefix, WorktreeIdentity.derive(branch)),
        "SELECT table_name::text FROM information_schema.tables WHERE table_name = '" + table + "'");
  }
}
