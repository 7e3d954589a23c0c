package dev.wt.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The keys of a repository. This record is the SHA-1 of its git common dir's path, in two lengths
 * that are on disk and on servers and so stay: {@link #mark()} (8 hex) in the trust list (per user,
 * per machine) and in database marks made before repository ids, {@link #serverName(String)}
 * (folder prefix + 12 hex) as the embedded cluster's folder and the Docker containers' names, both
 * on this machine. Database marks, which a server shared by several machines sees, carry
 * {@link #mark(Path, RepositoryId)}: the path and the repository's random id.
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

  /**
   * The short key of the path alone ({@code 1a2b3c4d}): the trust list's, and the one in database
   * marks made before repository ids (two machines with the repository at the same path share it).
   */
  public String mark() {
    return hex.substring(0, MARK_CHARS);
  }

  /**
   * The short key in database marks ({@code 1a2b3c4d}): 8 hex of the SHA-1 of the common dir's path,
   * a line end and the id. The id tells apart repositories at the same path on two machines; the
   * path, a copy of the repository ({@code cp -a}, which copies the id too) at another path.
   */
  public static String mark(Path commonDir, RepositoryId id) {
    String input = commonDir + "\n" + id.hex();
    byte[] d = Sha.sha1().update(input.getBytes(StandardCharsets.UTF_8)).digest();
    return HexFormat.of().formatHex(d).substring(0, MARK_CHARS);
  }

  /**
   * The name of the repository's servers ({@code myapp-1a2b3c4d5e6f}): the embedded cluster's
   * folder and the prefix of its containers; {@code folderName} is the main worktree's folder name.
   */
  public String serverName(String folderName) {
    return DatabaseNames.prefixFor(folderName) + "-" + hex.substring(0, SERVER_CHARS);
  }
}
