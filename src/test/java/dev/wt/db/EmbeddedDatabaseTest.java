package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import dev.wt.testing.Poll;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The default mode on a repository with no configuration: wt starts its own cluster from the local
 * binaries. One repository and one cluster for the whole class (starting a cluster costs seconds).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseTest {

  private static final Pattern URL = Pattern.compile("DATABASE_URL=postgresql://postgres@127\\.0\\.0\\.1:(\\d+)/(\\S+)");

  private static Path tmp;
  private static GitRepo repo;
  private static Map<String, String> env;

  @BeforeAll
  static void repositoryWithoutConfig() throws IOException {
    // world-traversable: as root, wt runs the server as user postgres, which must reach its data folder
    tmp = Files.createTempDirectory("wt-embedded");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = GitRepo.create(tmp, "shop");
    env = Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", tmp.resolve("pg").toString());
  }

  @AfterAll
  static void stopTheCluster() throws IOException {
    if (repo != null) {
      WtRun.in(repo.root(), env, "db", "server", "stop");
    }
    try (var walk = Files.walk(tmp)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Matcher url(String worktree) throws IOException {
    String text = Files.readString(tmp.resolve("shop-" + worktree).resolve(".env.development.local"));
    Matcher m = URL.matcher(text);
    assertTrue(m.find(), text);
    return m;
  }

  @Test
  @Order(1)
  void up_without_any_config_gives_two_worktrees_separate_running_databases_and_down_leaves_the_server_as_before()
      throws IOException {
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    Pg server = new Pg("127.0.0.1", Integer.parseInt(
        WtRun.in(repo.root(), env, "db", "server", "status").ok().out().replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+).*", "$1")));
    TreeSet<String> before = server.databases();

    WtRun.in(repo.root(), env, "up", "feat/cart").ok();
    WtRun.in(repo.root(), env, "up", "feat/checkout").ok();
    Matcher cart = url("cart");
    Matcher checkout = url("checkout");
    assertEquals(String.valueOf(server.port()), cart.group(1));
    assertNotEquals(cart.group(2), checkout.group(2));
    assertTrue(server.databases().containsAll(List.of(cart.group(2), checkout.group(2), "shop_template")));

    server.exec(cart.group(2), "CREATE TABLE items(sku text)", "INSERT INTO items VALUES ('a-1')");
    assertEquals(List.of("a-1"), server.column(cart.group(2), "SELECT sku FROM items"));
    assertTrue(server.column(checkout.group(2), "SELECT to_regclass('items')::text").contains(null));

    WtRun.in(tmp.resolve("shop-cart"), env, "db", "status").ok();

    WtRun.in(repo.root(), env, "down", "feat/cart").ok();
    WtRun.in(repo.root(), env, "down", "feat/checkout").ok();
    // with no worktree left the cluster stops; started again, it holds exactly what it held before
    WtRun.in(repo.root(), env, "db", "server", "status").expect(1);
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    assertEquals(before, server.databases());
  }

  @Test
  @Order(2)
  void the_template_refreshed_from_main_is_what_new_worktrees_clone() throws IOException {
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    WtRun.in(repo.root(), env, "up", "feat/seed").ok();
    Matcher seed = url("seed");
    Pg server = new Pg("127.0.0.1", Integer.parseInt(seed.group(1)));
    server.exec("postgres", "CREATE DATABASE shop");
    server.exec("shop", "CREATE TABLE products(name text)", "INSERT INTO products VALUES ('lamp')");

    WtRun refresh = WtRun.in(repo.root(), env, "db", "template", "refresh").ok();
    assertTrue(refresh.out().contains("clone method"), refresh.out());
    WtRun.in(repo.root(), env, "up", "feat/lamp").ok();
    assertEquals(List.of("lamp"), server.column(url("lamp").group(2), "SELECT name FROM products"));

    // reset brings a worktree back to the template's content
    server.exec(url("lamp").group(2), "DELETE FROM products");
    WtRun.in(tmp.resolve("shop-lamp"), env, "db", "reset").ok();
    assertEquals(List.of("lamp"), server.column(url("lamp").group(2), "SELECT name FROM products"));

    WtRun.in(repo.root(), env, "down", "feat/lamp").ok();
    WtRun last = WtRun.in(repo.root(), env, "down", "feat/seed").ok();
    // the main database lives there too, maybe with a session open: the server stays up
    assertTrue(last.err().contains("embedded PostgreSQL left running: it also holds"), last.err());
    WtRun.in(repo.root(), env, "db", "server", "status").expect(0);
    // a template the user refreshed is theirs to keep; the main database is never touched
    assertTrue(server.databases().containsAll(Set.of("shop", "shop_template")));
    assertFalse(server.databases().stream().anyMatch(d -> d.startsWith("shop_lamp") || d.startsWith("shop_seed")));

    // in the main worktree, db status shows the main database on the embedded server, labelled as main's
    WtRun mainStatus = WtRun.in(repo.root(), env, "db", "status").ok();
    assertTrue(mainStatus.out().startsWith("main worktree ") && mainStatus.out().contains(" shop\n"), mainStatus.out());

    // removing the cluster would lose the main database: refused until forced
    WtRun refused = WtRun.in(repo.root(), env, "db", "server", "remove").expect(1);
    assertTrue(refused.err().contains("holds databases wt did not make: shop"), refused.err());
    WtRun.in(repo.root(), env, "db", "server", "status").expect(0);
    WtRun removed = WtRun.in(repo.root(), env, "db", "server", "remove", "--force").ok();
    assertTrue(removed.out().startsWith("embedded PostgreSQL removed"), removed.out());
    WtRun gone = WtRun.in(repo.root(), env, "db", "server", "status").expect(1);
    assertTrue(gone.out().contains("not created yet"), gone.out());
  }

  @Test
  @Order(3)
  void the_last_down_leaves_the_template_and_the_server_to_a_worktree_being_set_up_beside_it() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    WtRun.in(repo.root(), env, "up", "feat/two", "--no-setup").ok();
    Path stateLock = repo.root().resolve(".git/wt/lock");
    WtRun.Started setup;
    WtRun.Started down;
    try (FileChannel ch = FileChannel.open(stateLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      // feat/two's setup holds its worktree and waits to record what it makes
      setup = WtRun.start(tmp.resolve("shop-two"), env, "setup");
      Poll.await("the setup waits for the state lock", Duration.ofMinutes(1),
          () -> setup.err().contains("waiting for wt's lock " + stateLock) || setup.result().isDone());
      down = WtRun.start(repo.root(), env, "down", "feat/one");
      assertTrue(Poll.until(Duration.ofMinutes(1), () -> down.err().contains("dropped the template")
          || down.err().contains("is being set up") || down.result().isDone()), "the down decides\n" + down.err());
    }
    WtRun d = down.finish().ok();
    WtRun s = setup.finish().ok();
    assertTrue(d.err().contains("wt's templates kept: worktree feat/two is being set up"), d.err());
    assertFalse(d.err().contains("stopped the embedded PostgreSQL"), d.err());
    assertFalse(s.err().contains("template shop_template: created"), "built again for nothing\n" + s.err());
    // now the last one: its down drops the template and stops the server
    WtRun last = WtRun.in(repo.root(), env, "down", "feat/two").ok();
    assertTrue(last.err().contains("stopped the embedded PostgreSQL"), last.err());
  }

  @Test
  @Order(4)
  void server_stop_and_remove_wait_for_the_server_lock_an_up_starts_the_cluster_under() throws Exception {
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    WtRun stopped = whileServerLocked("stop", () -> WtRun.in(repo.root(), env, "db", "server", "status").expect(0));
    assertTrue(stopped.err().contains("stopped the embedded PostgreSQL"), stopped.err());
    WtRun.in(repo.root(), env, "db", "server", "status").expect(1);

    WtRun removed = whileServerLocked("remove", () -> assertTrue(Files.isDirectory(tmp.resolve("pg/clusters"))
        && tmp.resolve("pg/clusters").toFile().list().length == 1, "removed while the lock was held"));
    assertTrue(removed.out().startsWith("embedded PostgreSQL removed"), removed.out());
    assertTrue(WtRun.in(repo.root(), env, "db", "server", "status").expect(1).out().contains("not created yet"));
  }

  @Test
  @Order(5)
  void the_last_down_leaves_the_cluster_running_while_another_client_is_connected() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/solo").ok();
    Pg server = new Pg("127.0.0.1", Integer.parseInt(url("solo").group(1)));
    // psql, a database browser or another command's session: the cluster holds no database of theirs
    try (Connection client = server.connect("postgres"); Statement session = client.createStatement()) {
      WtRun last = WtRun.in(repo.root(), env, "down", "feat/solo").ok();
      assertFalse(last.err().contains("stopped the embedded PostgreSQL"), last.err());
      assertTrue(last.err().contains("embedded PostgreSQL left running: 1 other session is connected (on postgres from "),
          last.err());
      session.execute("SELECT 1");
    }
    WtRun.in(repo.root(), env, "db", "server", "status").expect(0);
    // with the client gone the next last down stops it again
    WtRun.in(repo.root(), env, "up", "feat/solo").ok();
    WtRun again = WtRun.in(repo.root(), env, "down", "feat/solo").ok();
    assertTrue(again.err().contains("stopped the embedded PostgreSQL"), again.err());
  }

  @Test
  @Order(6)
  void on_the_embedded_cluster_gc_and_the_last_down_drop_what_an_older_build_marked_as_they_drop_new_marks()
      throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/kept").ok();
    Pg server = new Pg("127.0.0.1", Integer.parseInt(url("kept").group(1)));
    // the marks of wt before repository ids; the cluster is this user's, so they cannot be another machine's
    String legacy = " (repo " + dev.wt.core.RepoKey.of(repo.root().resolve(".git").toRealPath()).mark() + ")";
    String dead = dev.wt.core.WorktreeIdentity.derive("feat/dead").slug();
    server.exec("postgres", "CREATE DATABASE shop_" + dead, "COMMENT ON DATABASE shop_" + dead + " IS 'wt:shop:" + dead
        + legacy + "'", "CREATE DATABASE shopz_template", "ALTER DATABASE shopz_template IS_TEMPLATE true",
        "COMMENT ON DATABASE shopz_template IS 'wt:shopz:template:auto" + legacy + "'",
        "COMMENT ON DATABASE shop_template IS 'wt:shop:template:auto" + legacy + "'");

    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertFalse(server.databases().contains("shop_" + dead), gc.out() + gc.err());
    assertFalse(server.databases().contains("shopz_template"), gc.out() + gc.err());

    WtRun last = WtRun.in(repo.root(), env, "down", "feat/kept").ok();
    assertTrue(last.err().contains("stopped the embedded PostgreSQL"), last.err());
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    assertFalse(server.databases().contains("shop_template"), last.err());
  }

  /** Runs {@code wt db server <action>} while the test holds the server lock: it waits, and {@code meanwhile} holds. */
  private static WtRun whileServerLocked(String action, Runnable meanwhile) throws Exception {
    Path lock = repo.root().resolve(".git/wt/locks/server.lock");
    Files.createDirectories(lock.getParent());
    WtRun.Started started;
    // what an up starting the cluster (or the last down stopping it) holds
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      started = WtRun.start(repo.root(), env, "db", "server", action);
      String waited = Poll.first(Duration.ofMinutes(1), () -> started.err().contains("waiting for wt's lock " + lock)
          ? "waited" : started.result().isDone() ? "ended without waiting:\n" + started.err() : null);
      assertEquals("waited", waited);
      meanwhile.run();
    }
    return started.finish().ok();
  }
}
