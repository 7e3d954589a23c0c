package dev.wt.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.EmbeddedRepo;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded cluster survives wt being killed while it is made, and is never started half-made. */
class EmbeddedCrashIT {

  private EmbeddedRepo made;
  private Path tmp;
  private GitRepo repo;
  private Map<String, String> env;

  @BeforeEach
  void repository() {
    made = EmbeddedRepo.create("wt-crash");
    tmp = made.tmp();
    repo = made.repo();
    env = made.env();
  }

  @AfterEach
  void removeTheCluster() {
    made.close();
  }

  /** The first PG_VERSION initdb wrote, in the folder it makes the cluster in (wherever that is). */
  private Optional<Path> pgVersionBeingMade() throws IOException {
    Path clusters = tmp.resolve("pg/clusters");
    if (!Files.isDirectory(clusters)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(clusters, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals("PG_VERSION")).findFirst();
    }
  }

  @Test
  void killing_wt_up_while_initdb_runs_leaves_a_cluster_the_next_up_can_use() throws Exception {
    Needs.setsid();
    Path log = tmp.resolve("first-up.log");
    // its own process group (setsid), so the kill takes initdb and runuser with it, as a closed terminal would
    Process up = start(log, "feat/first");
    Poll.until(Duration.ofMinutes(2), () -> pgVersionBeingMade().isPresent() || !up.isAlive());
    Optional<Path> made = pgVersionBeingMade();
    assertTrue(made.isPresent(), "wt up ended before initdb wrote anything:\n" + Files.readString(log));
    new ProcessBuilder("kill", "-KILL", "--", "-" + up.pid()).inheritIO().start().waitFor();
    assertTrue(up.waitFor(60, TimeUnit.SECONDS));

    WtRun second = WtRun.in(repo.root(), env, "up", "feat/second").ok();
    String envFile = Files.readString(tmp.resolve("shop-second/.env.development.local"));
    assertTrue(envFile.contains("DATABASE_URL=postgresql://postgres@127.0.0.1:"), envFile);
    assertFalse(envFile.contains("127.0.0.1:5432/"), "the cluster runs on PostgreSQL's default port\n" + envFile);
    assertTrue(second.err().contains("running on 127.0.0.1:"), second.err());
  }

  private Process start(Path log, String branch) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of("setsid", WtBinary.path().toString(), "up", branch))
        .directory(repo.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  @Test
  void a_cluster_left_without_wt_configuration_is_made_again_or_reported_when_it_holds_databases() throws Exception {
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    WtRun.in(repo.root(), env, "db", "server", "stop").ok();
    Path data;
    try (Stream<Path> dirs = Files.list(tmp.resolve("pg/clusters"))) {
      data = dirs.findFirst().orElseThrow().resolve("data");
    }
    // what a wt that made clusters in place left when killed: no include of wt.conf
    Path conf = data.resolve("postgresql.conf");
    String complete = Files.readString(conf);
    Files.writeString(conf, complete.replace("include_if_exists = 'wt.conf'", ""));
    Path fakeUserDb = Files.createDirectories(data.resolve("base/424242"));

    WtRun refused = WtRun.in(repo.root(), env, "db", "server", "start").expect(3);
    assertTrue(refused.err().contains("echo \"include_if_exists = 'wt.conf'\" >> " + conf), refused.err());
    assertEquals(List.of(), WtRun.in(repo.root(), env, "db", "server", "status").out().lines()
        .filter(l -> l.contains(":5432")).toList(), "a server was started on PostgreSQL's defaults");

    Files.delete(fakeUserDb);
    WtRun rebuilt = WtRun.in(repo.root(), env, "db", "server", "start").ok();
    assertTrue(rebuilt.err().contains("half-made"), rebuilt.err());
    assertTrue(Files.readString(conf).contains("include_if_exists = 'wt.conf'"));
  }
}
