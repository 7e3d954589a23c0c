package dev.wt.port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way paths are made comparable on both sides of the ports: symlinks resolved, also for a
 * path that no longer exists (its nearest existing parent is resolved, as macOS's /tmp needs).
 */
public final class RealPaths {

  private RealPaths() {}

  public static Path of(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs)) {
        return abs.toRealPath();
      }
      Path parent = abs.getParent();
      return parent == null ? abs : of(parent).resolve(abs.getFileName());
    } catch (IOException e) {
      return abs;
    }
  }
}
