package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A repository {@code shop} whose databases live on an embedded cluster of its own, under a temp
 * folder that {@link #close} removes with the cluster.
 *
 * @param tmp the folder holding the repository, its worktrees and the cluster ({@code pg})
 * @param env what wt needs for that cluster: {@code WT_PG_MODE=embedded} and {@code WT_PG_HOME}
 */
public record EmbeddedRepo(Path tmp, GitRepo repo, Map<String, String> env) implements AutoCloseable {

  /** Makes one in a new temp folder named after {@code prefix}. */
  public static EmbeddedRepo create(String prefix) {
    try {
      // world-traversable: as root, wt runs the server as user postgres, which must reach its data folder
      Path tmp = Files.createTempDirectory(prefix);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new EmbeddedRepo(tmp, GitRepo.create(tmp, "shop"),
          Map.of("WT_PG_MODE", "embedded", "WT_PG_HOME", tmp.resolve("pg").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the cluster, removes it and deletes the folder. */
  @Override
  public void close() {
    WtRun.in(repo.root(), env, "db", "server", "remove", "--force");
    try (Stream<Path> walk = Files.walk(tmp)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
