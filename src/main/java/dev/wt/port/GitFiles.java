package dev.wt.port;

import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one reader of git's worktree files without running git (a linked worktree's {@code .git}
 * file, its git dir's {@code commondir} and {@code gitdir}), and of the slug marker wt leaves in a
 * worktree's git dir, which survives renamed folders and branches.
 */
public final class GitFiles {

  /** File in a worktree's own git dir naming the slug it was provisioned with. */
  public static final String MARKER = "wt-slug";

  private static final String GITDIR = "gitdir:";

  private GitFiles() {}

  /** The git dir of the linked worktree at {@code worktree}, read from its {@code .git} file; null when there is none to read. */
  public static Path gitDirOf(Path worktree) {
    Path dotGit = worktree.resolve(".git");
    try {
      if (Files.isRegularFile(dotGit)) {
        String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (text.startsWith(GITDIR)) {
          return worktree.resolve(text.substring(GITDIR.length()).strip()).normalize();
        }
      }
    } catch (IOException | InvalidPathException e) {
      // unreadable: the caller falls back to what else it knows (the recorded path)
    }
    return null;
  }

  /**
   * The checkout {@code dir} is in, found without running git: the nearest folder holding a
   * {@code .git} folder (the main checkout) or {@code .git} file (a linked worktree); null outside one.
   */
  public static Path checkoutRootOf(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.isDirectory(dotGit) || Files.isRegularFile(dotGit)) {
        return d;
      }
    }
    return null;
  }

  /** Whether the checkout at {@code root} is a repository's main one (its {@code .git} is a folder). */
  public static boolean isMainCheckout(Path root) {
    return Files.isDirectory(root.resolve(".git"));
  }

  /** The common dir a linked worktree's git dir points at; null when it names none. */
  public static Path commonDirOf(Path gitDir) {
    Path file = gitDir.resolve("commondir");
    try {
      return Files.isRegularFile(file) ? gitDir.resolve(Files.readString(file).strip()).normalize() : null;
    } catch (IOException | InvalidPathException e) {
      return null;
    }
  }

  /** The file git made when it added the worktree (its age is the worktree's). */
  public static Path createdStamp(Path gitDir) {
    return gitDir.resolve("commondir");
  }

  /** Where the slug marker of the worktree whose git dir is {@code gitDir} lives. */
  public static Path marker(Path gitDir) {
    return gitDir.resolve(MARKER);
  }

  /** The slug the marker names; empty when there is no marker. */
  public static Optional<String> readMarker(Path gitDir) throws IOException {
    Path marker = marker(gitDir);
    return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker).strip()) : Optional.empty();
  }

  /** Names the slug in the worktree's own git dir: the link that survives renames and moves. */
  public static void writeMarker(Path gitDir, String slug) {
    Path marker = marker(gitDir);
    try {
      if (!readMarker(gitDir).filter(slug::equals).isPresent()) {
        Files.writeString(marker, slug + "\n");
      }
    } catch (IOException e) {
      throw WtException.environment("cannot write " + marker + ": " + e.getMessage(),
          "check the .git folder's permissions");
    }
  }

  /** The git dir of the linked worktree once at {@code worktree} (its folder gone), found by its {@code gitdir} file. */
  public static Path orphanedGitDir(Path commonDir, Path worktree) {
    Path expected = worktree.resolve(".git");
    try (Stream<Path> dirs = Files.list(commonDir.resolve("worktrees"))) {
      return dirs.filter(d -> {
        try {
          return Path.of(Files.readString(d.resolve("gitdir")).strip()).equals(expected);
        } catch (IOException | InvalidPathException e) {
          return false;
        }
      }).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
