package dev.wt.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The one key of a repository: the SHA-1 of its git common dir's path. wt stamps it into what it
 * makes outside the repository, in two lengths that are on disk and on servers today and so stay:
 * {@link #mark()} (8 hex) in database comments and the trust list, {@link #serverName(String)}
 * (folder prefix + 12 hex) as the embedded cluster's folder and the Docker containers' names.
 */
public record RepoKey(String hex) {

  private static final int MARK_CHARS = 8;
  private static final int SERVER_CHARS = 12;

  public RepoKey {
    if (hex == null || !hex.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("not a SHA-1: " + hex);
    }
  }

  /** The key of the repository whose git common dir is {@code commonDir}. */
  public static RepoKey of(Path commonDir) {
    byte[] d = Sha.sha1().update(commonDir.toString().getBytes(StandardCharsets.UTF_8)).digest();
    return new RepoKey(HexFormat.of().formatHex(d));
  }

  /** The short mark ({@code 1a2b3c4d}) in database comments and the trust list. */
  public String mark() {
    return hex.substring(0, MARK_CHARS);
  }

  /**
   * The name of the repository's servers ({@code myapp-1a2b3c4d5e6f}): the embedded cluster's
   * folder and the prefix of its containers; {@code folderName} is the main worktree's folder name.
   */
  public String serverName(String folderName) {
    return DatabaseNames.prefixFor(folderName) + "-" + hex.substring(0, SERVER_CHARS);
  }
}
