package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.adapter.redis.RespRedis;
import dev.wt.core.RedisUrl;
import dev.wt.core.WorktreeIdentity;
import dev.wt.port.Redis;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [redis]} against the machine's Redis on 127.0.0.1:6379: a database number per worktree,
 * probed empty, flushed by down and by gc, and never another's.
 */
class RedisDatabaseTest {

  private static final RedisUrl SERVER = RedisUrl.parse("redis://127.0.0.1:6379");

  @TempDir Path tmp;
  GitRepo repo;
  Map<String, String> env;
  /** Databases a test filled itself, emptied afterwards. */
  final List<Integer> filled = new ArrayList<>();

  @BeforeEach
  void repository() {
    Assumptions.assumeTrue(answers(), "no Redis on 127.0.0.1:6379");
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[postgres]\nmode = \"none\"\n[redis]\nurl = \"redis://127.0.0.1:6379\"\n").commitAll("cfg");
    env = Map.of("XDG_STATE_HOME", tmp.resolve("state").toString());
  }

  @AfterEach
  void emptyWhatTheTestFilled() {
    try (Redis.Session s = new RespRedis().open(SERVER)) {
      filled.forEach(s::flush);
    } catch (RuntimeException e) {
      // nothing to clean when the server is gone
    }
  }

  @Test
  void each_worktree_gets_an_empty_database_of_its_own_and_down_flushes_only_that_one() throws Exception {
    int busy = lowestEmpty();
    set(busy, "someone:else", "keep me"); // not wt's: skipped, never flushed

    Path a = up("feat/ra", "app-ra");
    Path b = up("feat/rb", "app-rb");
    int dbA = db(a);
    int dbB = db(b);
    assertNotEquals(busy, dbA);
    assertNotEquals(busy, dbB);
    assertNotEquals(dbA, dbB);
    assertEquals("redis://127.0.0.1:6379/" + dbA, envOf(a).get("REDIS_URL"));
    assertEquals(WorktreeIdentity.derive("feat/ra").slug() + ":", envOf(a).get("WT_REDIS_PREFIX"));
    set(dbA, "session:1", "a");
    set(dbB, "session:1", "b");

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/ra").ok();

    assertTrue(down.err().contains("flushed Redis database " + dbA), down.err());
    assertEquals(0, size(dbA));
    assertEquals(1, size(dbB), "the other worktree's keys stay");
    assertEquals(1, size(busy), "a database wt did not allocate is never flushed");

    // a dead worktree (folder deleted by hand): gc flushes its database and frees the number
    deleteTree(b);
    WtRun gc = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(gc.err().contains("flushed Redis database " + dbB), gc.err() + gc.out());
    assertEquals(0, size(dbB));
    Path c = up("feat/rc", "app-rc");
    assertTrue(db(c) == dbA || db(c) == dbB, "released numbers are handed out again");
    WtRun.in(repo.root(), env, "down", "feat/rc").ok();
  }

  @Test
  void two_repositories_naming_one_server_differently_never_share_a_database() throws Exception {
    Path a = up("feat/ha", "app-ha");
    GitRepo other = GitRepo.create(tmp, "other");
    other.write("wt.toml", "[postgres]\nmode = \"none\"\n[redis]\nurl = \"redis://localhost:6379\"\n").commitAll("cfg");
    WtRun.in(other.root(), env, "up", "feat/hb").ok();
    Path b = tmp.resolve("other-hb");
    // the same user's claims: the second must not be handed the first's number, though it is still empty
    assertNotEquals(db(a), db(b), "localhost and 127.0.0.1 are one server");
    WtRun.in(other.root(), env, "down", "feat/hb").ok();
    WtRun.in(repo.root(), env, "down", "feat/ha").ok();
  }

  @Test
  void a_password_in_the_url_is_masked_when_the_server_refuses_it() {
    repo.write("wt.toml", "[postgres]\nmode = \"none\"\n[redis]\nurl = \"redis://:hunter2secret@127.0.0.1:6379\"\n")
        .commitAll("password");

    WtRun r = WtRun.in(repo.root(), env, "up", "feat/pw").expect(3);

    assertTrue(r.err().contains("Redis at 127.0.0.1:6379 refused AUTH"), r.err());
    assertFalse((r.out() + r.err()).contains("hunter2secret"), r.err());
    assertFalse(Files.exists(tmp.resolve("app-pw")), "refused before anything was made");
  }

  @Test
  void a_url_that_is_not_redis_is_refused_naming_the_key() {
    repo.write("wt.toml", "[postgres]\nmode = \"none\"\n[redis]\nurl = \"http://127.0.0.1:6379\"\n").commitAll("bad");

    WtRun r = WtRun.in(repo.root(), env, "up", "feat/bad").expect(1);

    assertTrue(r.err().contains("redis.url must start with redis:// or rediss://"), r.err());
  }

  private Path up(String branch, String folder) throws Exception {
    WtRun.in(repo.root(), env, "up", branch).ok();
    return tmp.resolve(folder).toRealPath();
  }

  private static int db(Path worktree) throws IOException {
    return Integer.parseInt(envOf(worktree).get("WT_REDIS_DB"));
  }

  private static Map<String, String> envOf(Path worktree) throws IOException {
    Map<String, String> out = new java.util.HashMap<>();
    for (String line : Files.readAllLines(worktree.resolve(".env.development.local"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^['\"]|['\"]$", ""));
      }
    }
    return out;
  }

  private static boolean answers() {
    try (Redis.Session s = new RespRedis().open(SERVER)) {
      return s.databases() > 3;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static long size(int db) {
    try (Redis.Session s = new RespRedis().open(SERVER)) {
      return s.size(db);
    }
  }

  private static int lowestEmpty() {
    try (Redis.Session s = new RespRedis().open(SERVER)) {
      for (int db = 1; db < s.databases(); db++) {
        if (s.size(db) == 0) {
          return db;
        }
      }
    }
    throw new AssertionError("no empty Redis database");
  }

  private void set(int db, String key, String value) throws Exception {
    filled.add(db);
    Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "-n", Integer.toString(db),
        "set", key, value).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("OK"), out);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
