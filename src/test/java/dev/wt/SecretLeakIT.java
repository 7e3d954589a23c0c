package dev.wt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.PasswordRefusingServer;
import dev.wt.testing.Pg;
import dev.wt.testing.WtBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One secret planted everywhere a user keeps one (.env.local, the server URL, a pull source URL,
 * PGPASSWORD, ~/.pgpass), then every command run through the real binary, its failure paths,
 * {@code --json} and {@code -v} included: the secret is in none of their output. Only {@code wt env}
 * and {@code wt run} hand real values on, by design, and only their failures are run here.
 */
class SecretLeakIT {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private String project;
  private final String secret = "Leak" + HexFormat.of().formatHex(randomBytes()) + "Canary";
  private final List<String> transcript = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  @Test
  void a_planted_secret_appears_in_no_output_of_any_command() throws Exception {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    project = "wtleak" + HexFormat.of().formatHex(randomBytes());
    String source = project + "_src";
    PG.exec("postgres", "CREATE DATABASE \"" + source + "\"");
    PG.exec(source, "CREATE TABLE t(id int primary key)", "INSERT INTO t VALUES (1)");

    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve(".pgpass"), "*:*:*:*:" + secret + "\n");
    Files.setPosixFilePermissions(home.resolve(".pgpass"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write(".env.local", "API_KEY=" + secret + "\nDATABASE_URL=postgresql://app:" + secret + "@db.internal/app\n");
    repo.write(".gitignore", ".env.local\nwt.local.toml\n");
    // the server's password has an unencoded @ before the secret: only last-@ parsing keeps it whole
    repo.write("wt.toml", "project = \"" + project + "\"\n"
        + "[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres:Sup3r@" + secret + "@127.0.0.1:5432/postgres\"\n"
        + "[databases.app]\nfill = \"empty\"\n"
        + "[databases.world]\nfill = \"pull\"\nsource_env = \"WORLD_SOURCE\"\nsource_file = \".env.local\"\n");
    repo.commitAll("config");
    // the user's own commands print the URL they get, and one of them fails
    repo.write("wt.local.toml", "[setup]\ncommands = [\"echo setting up with $DATABASE_URL\"]\n"
        + "[databases.app]\nmigrate = \"echo migrating $DATABASE_URL PGPASSWORD=$PGPASSWORD; exit 3\"\n");

    Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(),
        "PGPASSFILE", home.resolve(".pgpass").toString(), "PGPASSWORD", secret, "WT_TRUST", "1",
        "WORLD_SOURCE", "postgresql://postgres:" + secret + "@127.0.0.1:5432/" + source));
    Path main = repo.root();
    Path a = tmp.resolve("app-a");

    try (PasswordRefusingServer refusing = new PasswordRefusingServer()) {
      String refusingUrl = "postgresql://app:" + secret + "@127.0.0.1:" + refusing.port() + "/postgres";
      String unreachableUrl = "postgresql://app:Sup3r@" + secret + "@127.0.0.1:1/postgres";

      // the good paths, human, --json and -v
      run(main, env, "-v", "up", "feat/a");
      assertTrue(Files.isDirectory(a), String.join("\n", transcript));
      run(main, env, "up", "--json", "feat/b");
      run(a, env, "-v", "setup", "--rerun-commands");
      run(a, env, "setup", "--json");
      run(main, env, "list");
      run(main, env, "-v", "list", "--json");
      run(a, env, "-v", "db", "status");
      run(a, env, "db", "status", "--json");
      run(a, env, "-v", "db", "pull", "--into", "worktree", "--db", "world", "--force-db-pull");
      run(a, env, "stop");
      run(a, env, "stop", "--json");

      // failure paths: a failing migrate, bad sources, an unreachable server, a wrong password
      run(a, env, "-v", "db", "migrate");
      run(a, without(env, "WORLD_SOURCE"), "-v", "db", "pull", "--into", "worktree", "--db", "world", "--force-db-pull");
      run(main, without(env, "WORLD_SOURCE"), "-v", "up", "feat/c");
      run(a, env, "-v", "db", "pull", "--from", unreachableUrl, "--into", "worktree", "--db", "world", "--force-db-pull");
      run(a, env, "-v", "db", "pull", "--from", refusingUrl, "--into", "worktree", "--db", "world", "--force-db-pull");
      run(a, env, "-v", "db", "pull", "--from", "mysql://root:" + secret + "@db/x");
      run(a, with(env, "WT_PG_URL", refusingUrl), "-v", "db", "psql", "--", "-c", "select 1");
      run(a, with(env, "WT_PG_URL", refusingUrl), "-v", "db", "status", "--json");
      run(main, with(env, "WT_PG_URL", refusingUrl), "-v", "up", "feat/d");
      run(main, with(env, "WT_PG_URL", unreachableUrl), "-v", "up", "--json", "feat/e");
      run(main, with(env, "WT_PG_URL", "host=127.0.0.1 password=" + secret), "-v", "up", "feat/f");
      run(main, env, "-v", "env");
      run(a, env, "-v", "run", "--", "no-such-program-" + secret.length());
      Files.writeString(main.resolve("wt.local.toml"), "[postgres]\nurl = \"postgresql://app:" + secret + "@h\n");
      run(a, env, "-v", "setup");
      run(a, env, "db", "status", "--json");
      Files.delete(main.resolve("wt.local.toml"));

      // and away again
      run(a, env, "-v", "teardown", "--json");
      run(main, env, "-v", "down", "--force", "feat/a");
      run(main, env, "down", "--json", "--force", "feat/b");
      for (String b : List.of("feat/c", "feat/d", "feat/e", "feat/f")) {
        run(main, env, "down", "--force", b);
      }
    }
    assertTrue(transcript.size() > 30, "every command ran");
    // kept for a reader of a CI run: what every command printed, secret-free
    Files.writeString(Path.of("target", "secret-leak-transcript.txt"), String.join("\n", transcript));
    String all = String.join("\n", transcript);
    // the paths really ran: the pull, the user's commands seeing the URL, the refusals
    assertTrue(all.contains("pulled from postgresql://postgres:***@127.0.0.1:5432/"), all);
    assertTrue(all.contains("setting up with postgresql://postgres:***@127.0.0.1:5432/"), all);
    assertTrue(all.contains("does not hold just a postgresql:// URL (its contents are not shown)"), all);
    assertTrue(all.contains("password authentication failed"), all);
  }

  private void run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "wt " + String.join(" ", args) + " finished");
    String printed = "--- stdout ---\n" + out + "--- stderr ---\n" + err.join();
    String shown = "$ wt " + String.join(" ", args).replace(secret, "<secret>") + "  (exit " + p.exitValue() + ")\n"
        + printed;
    transcript.add(shown);
    for (String leak : List.of(secret, secret.substring(2, secret.length() - 2))) {
      assertFalse(printed.contains(leak), "the secret was printed\n" + shown);
    }
    assertEquals(-1, printed.indexOf("Sup3r@"), "no password fragment either\n" + shown);
  }

  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(WtBinary.path().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> m = new HashMap<>(env);
    m.put(key, value);
    return m;
  }

  private static Map<String, String> without(Map<String, String> env, String key) {
    Map<String, String> m = new HashMap<>(env);
    m.remove(key);
    return m;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    new Random().nextBytes(b);
    return b;
  }
}
