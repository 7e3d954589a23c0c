package dev.wt.port;

import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one reader of git's worktree files without running git (a linked worktree's {@code .git}
 * file, its git dir's {@code commondir} and {@code gitdir}), and of the slug marker wt leaves in a
 * worktree's git dir, which survives renamed folders and branches. It knows the formats; the disk
 * is read through {@link LocalFiles}.
 */
public final class GitFiles {

  /** File in a worktree's own git dir naming the slug it was provisioned with. */
  public static final String MARKER = "wt-slug";

  private static final String GITDIR = "gitdir:";

  private final LocalFiles disk;

  public GitFiles(LocalFiles disk) {
    this.disk = disk;
  }

  /** The git dir of the linked worktree at {@code worktree}, read from its {@code .git} file; null when there is none to read. */
  public Path gitDirOf(Path worktree) {
    try {
      // no lambdas on this path: `wt env` reads it, and a JVM's first lambda costs it ~15 ms
      Optional<String> read = disk.read(worktree.resolve(".git"));
      String text = read.isPresent() ? read.get().strip() : "";
      if (text.startsWith(GITDIR)) {
        return worktree.resolve(text.substring(GITDIR.length()).strip()).normalize();
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
  public Path checkoutRootOf(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (disk.isDirectory(dotGit) || disk.isFile(dotGit)) {
        return d;
      }
    }
    return null;
  }

  /** Whether the checkout at {@code root} is a repository's main one (its {@code .git} is a folder). */
  public boolean isMainCheckout(Path root) {
    return disk.isDirectory(root.resolve(".git"));
  }

  /** The common dir a linked worktree's git dir points at; null when it names none. */
  public Path commonDirOf(Path gitDir) {
    try {
      Optional<String> text = disk.read(gitDir.resolve("commondir"));
      return text.isPresent() ? gitDir.resolve(text.get().strip()).normalize() : null;
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
  public Optional<String> readMarker(Path gitDir) throws IOException {
    Optional<String> text = disk.read(marker(gitDir));
    String slug = text.isPresent() ? text.get().strip() : "";
    // a slug is [a-z0-9_]: anything else (a NUL, a path) was not written by wt and names nothing
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return Optional.empty();
      }
    }
    return slug.isEmpty() ? Optional.empty() : Optional.of(slug);
  }

  /** Names the slug in the worktree's own git dir: the link that survives renames and moves. */
  public void writeMarker(Path gitDir, String slug) {
    Path marker = marker(gitDir);
    try {
      if (!readMarker(gitDir).filter(slug::equals).isPresent()) {
        disk.write(marker, slug + "\n");
      }
    } catch (IOException e) {
      throw WtException.environment("cannot write " + marker + ": " + e.getMessage(),
          "check the .git folder's permissions");
    }
  }

  /** Deletes the marker when it still names {@code slug}; a stale one points at no record and is ignored anyway. */
  public void removeMarker(Path gitDir, String slug) throws IOException {
    if (readMarker(gitDir).filter(slug::equals).isPresent()) {
      disk.deleteIfExists(marker(gitDir));
    }
  }

  /** The git dir of the linked worktree once at {@code worktree} (its folder gone), found by its {@code gitdir} file. */
  public Path orphanedGitDir(Path commonDir, Path worktree) {
    Path expected = worktree.resolve(".git");
    try {
      for (Path d : disk.entriesIn(commonDir.resolve("worktrees"))) {
        try {
          // absolute, or (worktree.useRelativePaths) relative to the admin folder
          if (disk.read(d.resolve("gitdir")).map(t -> d.resolve(t.strip()).normalize().equals(expected)).orElse(false)) {
            return d;
          }
        } catch (IOException | InvalidPathException e) {
          // not one git can read either
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
