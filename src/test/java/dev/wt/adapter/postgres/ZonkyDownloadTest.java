package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.PgServer;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Downloads PostgreSQL 18 from Maven Central (about 30 MB), checks its SHA-256, and runs a cluster
 * on it. Opt-in (WT_TEST_DOWNLOAD=1): the suite must not depend on the network.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_DOWNLOAD", matches = "1")
class ZonkyDownloadTest {

  @Test
  void the_downloaded_build_is_verified_cached_and_runs_a_cluster_with_clone_copies() throws Exception {
    Path home = Files.createTempDirectory("wt-zonky");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bin = ZonkyDownload.binaries(home.resolve("dist"), Map.of(), Reporter.SILENT);
    assertTrue(PgBinaries.has(bin, List.of("initdb", "postgres", "pg_ctl")), bin.toString());
    assertEquals(18, PgBinaries.majorVersion(bin));
    // a second call uses the cache: no network, same folder
    assertEquals(bin, ZonkyDownload.binaries(home.resolve("dist"), Map.of("WT_PG_MAVEN_REPO", "http://0.0.0.0:9/"),
        Reporter.SILENT));

    EmbeddedCluster cluster = new EmbeddedCluster(Map.of("WT_PG_HOME", home.toString(), "PATH", "/nonexistent"));
    EmbeddedPostgres.Settings s = new EmbeddedPostgres.Settings("zonky", null, bin.toString(), "postgres", false);
    PgServer server = cluster.start(s, Reporter.SILENT);
    try (var session = new JdbcPostgres().open(server, "postgres")) {
      assertTrue(session.serverVersion() >= 180000);
      assertEquals("clone", session.setting("file_copy_method"));
    } finally {
      cluster.stop(s, Reporter.SILENT);
      try (var walk = Files.walk(home)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
