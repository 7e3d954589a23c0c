package dev.wt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Tells the shell function of {@code wt shell init} which folder to change to: it hands wt an empty
 * file it made (WT_SHELL_CD_FILE) and cds to what wt wrote there, so nothing on stdout is evaluated.
 */
final class ShellCd {

  static final String FILE = "WT_SHELL_CD_FILE";
  static final String PREVIOUS = "WT_SHELL_PREVIOUS";

  private ShellCd() {}

  /** Whether wt runs under the shell function. */
  static boolean active(CliEnv env) {
    String f = env.env().get(FILE);
    return f != null && !f.isBlank();
  }

  /** Asks the shell to cd to {@code dir}; nothing happens without the shell function. */
  static void offer(CliEnv env, Path dir) {
    String f = env.env().get(FILE);
    if (f == null || f.isBlank()) {
      return;
    }
    Path file = Path.of(f);
    // only the regular file the function made: never follow a link or create a file elsewhere
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.writeString(file, dir.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      env.err().println("wt: cannot tell the shell to cd: " + e.getMessage());
    }
  }
}
