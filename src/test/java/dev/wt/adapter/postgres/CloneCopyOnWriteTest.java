package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL 18 a worktree's database cloned from the template shares the template's blocks:
 * the embedded cluster lives on a real loop-mounted XFS with reflink, and a real {@code wt up}
 * adds next to no data to it, where the same up with {@code file_copy_method = copy} adds the
 * template's size. PostgreSQL 18 comes from {@code WT_TEST_PG18_BIN} (.ci/run fetches the build wt
 * downloads, with .ci/pg-binaries).
 */
class CloneCopyOnWriteTest {

  private static final long MIB = 1024 * 1024;

  @TempDir static Path tmp;
  static Path mount;
  static GitRepo repo;
  static Map<String, String> env;

  @BeforeAll
  static void clusterOnXfs() throws Exception {
    String dir = System.getenv("WT_TEST_PG18_BIN");
    Path bin = dir == null || dir.isBlank() ? null : Path.of(dir);
    Needs.tool(bin != null && PgBinaries.has(bin, List.of("initdb", "postgres", "pg_ctl")),
        "no PostgreSQL 18 server binaries: set WT_TEST_PG18_BIN to their bin folder (.ci/pg-binaries DIR fetches "
            + "them and prints it; .ci/run does)");
    assertEquals(18, PgBinaries.majorVersion(bin), "WT_TEST_PG18_BIN=" + bin + " is not PostgreSQL 18");
    Assumptions.assumeTrue(ClusterFiles.isRoot(), "only root may loop-mount an XFS image");
    Needs.tool(Files.isExecutable(Path.of("/sbin/mkfs.xfs")) || Files.isExecutable(Path.of("/usr/sbin/mkfs.xfs")),
        "no mkfs.xfs here (apt-get install xfsprogs; .ci/run does)");
    // as root wt runs the server as user postgres, which must reach the cluster on the mount
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path image = tmp.resolve("xfs.img");
    run("truncate", "-s", "1G", image.toString());
    run("mkfs.xfs", "-q", "-m", "reflink=1", image.toString());
    Path target = Files.createDirectory(tmp.resolve("mnt"));
    Assumptions.assumeTrue(new ProcessBuilder("mount", "-o", "loop", image.toString(), target.toString()).inheritIO()
        .start().waitFor() == 0, "this machine does not let root mount a loop image");
    mount = target;
    Files.setPosixFilePermissions(mount, PosixFilePermissions.fromString("rwxr-xr-x"));

    repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", "[postgres]\nbin_dir = \"" + bin + "\"\n").commitAll("init");
    env = Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", mount.resolve("pg").toString());
  }

  @AfterAll
  static void unmount() throws Exception {
    if (repo != null) {
      WtRun.in(repo.root(), env, "db", "server", "remove", "--force");
    }
    if (mount != null) {
      new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void a_worktree_database_cloned_from_the_template_shares_its_blocks() throws Exception {
    WtRun.in(repo.root(), env, "db", "server", "start").ok();
    Pg server = new Pg("127.0.0.1", Integer.parseInt(
        WtRun.in(repo.root(), env, "db", "server", "status").ok().out().replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+).*", "$1")));
    assertEquals(List.of("clone"), server.column("postgres", "SHOW file_copy_method"));
    server.exec("postgres", "CREATE DATABASE shop");
    server.exec("shop", "CREATE TABLE t AS SELECT g AS id, repeat(md5(g::text), 6) AS filler "
        + "FROM generate_series(1, 300000) g");
    WtRun refresh = WtRun.in(repo.root(), env, "db", "template", "refresh").ok();
    assertTrue(refresh.out().contains("clone method: copy-on-write clone"), refresh.out());
    long template = Long.parseLong(server.column("postgres", "SELECT pg_database_size('shop_template')").get(0));
    assertTrue(template > 64 * MIB, "template of " + template / MIB + " MiB");

    long before = used();
    WtRun up = WtRun.in(repo.root(), env, "up", "feat/cow").ok();
    long cloned = used() - before;
    assertTrue(up.err().contains("cloned from shop_template"), up.err());
    assertTrue(cloned < template / 8, "the clone added " + cloned / MIB + " MiB for a template of " + template / MIB
        + " MiB: its blocks are not shared");
    String clone = database("cow");
    assertEquals(List.of("300000"), server.column(clone, "SELECT count(*) FROM t"));

    // the same up with a byte copy adds the template's size: the measure above would have seen one
    server.exec("postgres", "ALTER ROLE postgres SET file_copy_method = copy");
    try {
      long beforeCopy = used();
      WtRun.in(repo.root(), env, "up", "feat/bytes").ok();
      long copied = used() - beforeCopy;
      assertTrue(copied > template * 3 / 4, "the byte copy added only " + copied / MIB + " MiB");
    } finally {
      server.exec("postgres", "ALTER ROLE postgres RESET file_copy_method");
    }

    // a write lands in the clone alone: the shared blocks are copied on write, the template keeps its rows
    server.exec(clone, "DELETE FROM t WHERE id <= 1000");
    assertEquals(List.of("299000"), server.column(clone, "SELECT count(*) FROM t"));
    assertEquals(List.of("300000"), server.column("shop_template", "SELECT count(*) FROM t"));

    WtRun.in(repo.root(), env, "down", "--force", "feat/bytes").ok();
    WtRun.in(repo.root(), env, "down", "--force", "feat/cow").ok();
    assertTrue(used() - before < template / 8, "down leaves " + (used() - before) / MIB + " MiB behind");
  }

  /** The database of the worktree of {@code shop-<name>}, read from its env file. */
  private static String database(String name) throws Exception {
    String text = Files.readString(tmp.resolve("shop-" + name).resolve(".env.development.local"));
    Matcher m = Pattern.compile("DATABASE_URL=postgresql://\\S+/(\\S+)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  /** The bytes in use on the mount once everything written is on it (the cluster runs with fsync = off). */
  private static long used() throws Exception {
    run("sync", "-f", mount.toString());
    FileStore store = Files.getFileStore(mount);
    return store.getTotalSpace() - store.getUnallocatedSpace();
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", cmd));
  }
}
