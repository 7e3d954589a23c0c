package dev.wt.adapter.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** System tools by absolute path where they usually live: hooks may run with a bare PATH. */
public final class Tools {

  private static final String[] DIRS = {"/usr/bin", "/bin", "/usr/sbin", "/sbin"};

  private Tools() {}

  /** {@code name}'s absolute path in the system folders, else {@code name} for a PATH lookup. */
  public static String find(String name) {
    for (String dir : DIRS) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return name;
  }
}
