package dev.wt.port;

import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way paths are made comparable on both sides of the ports: symlinks resolved, also for a
 * path that no longer exists (its nearest existing parent is resolved, as macOS's /tmp needs).
 * Also the one check that a path wt writes or deletes inside a worktree really lies inside it.
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

  /**
   * {@code rel} under {@code root}, refused unless the folder it goes into lies inside {@code root}
   * once every symlink on the way is resolved. Only the folders are followed: the last component is
   * the entry wt itself creates, replaces or removes, never something it writes through.
   *
   * @param action what wt was about to do, for the message ("write", "link", "copy to")
   */
  public static Path inside(Path root, String rel, String action) {
    Optional<String> escape = escape(root, rel);
    if (escape.isPresent()) {
      throw WtException.refused("refusing to " + action + " " + rel + ": " + escape.get(),
          "wt only writes inside the worktree; remove that symlink or change the path in wt.toml");
    }
    return root.resolve(rel).normalize(); // the path checked: the kernel would follow a link before a ".."
  }

  /**
   * {@code rel} under {@code root} for wt to read: {@link #inside}, and the file itself, when a
   * symlink, must also resolve inside {@code root}, so a committed link cannot make wt read (and
   * copy on) the user's other files.
   */
  public static Path readableInside(Path root, String rel, String what) {
    Path file = inside(root, rel, "read " + what);
    if (!of(file).startsWith(of(root))) {
      throw WtException.refused("refusing to read " + what + " " + rel + ": it is a symlink to " + of(file)
          + ", outside " + root, "keep the file itself in the main worktree, not a link to it");
    }
    return file;
  }

  /** Whether wt may create, replace or delete {@code rel} under {@code root} (see {@link #inside}). */
  public static boolean contained(Path root, String rel) {
    return escape(root, rel).isEmpty();
  }

  /**
   * Why a path that stays inside the worktree still is not wt's to write, as it really is
   * ({@code real}, relative to the worktree, symlinks on the way resolved): wt's own configuration
   * at the root (read back as configuration, a wt.local.toml as the user's own), or git's own
   * {@code .git} at any depth (a folder with one is a repository whose configuration git obeys).
   */
  private static Optional<String> notWtsOrGits(Path root, Path real) {
    String name = real.getNameCount() == 1 ? real.toString() : "";
    if (name.equalsIgnoreCase("wt.toml") || name.equalsIgnoreCase("wt.local.toml")) {
      return Optional.of("it is really " + root.resolve(real) + ", wt's own configuration file");
    }
    for (Path segment : real) {
      if (segment.toString().equalsIgnoreCase(".git")) {
        return Optional.of("it is really " + root.resolve(real) + ", inside git's own .git");
      }
    }
    return Optional.empty();
  }

  /** Why {@code rel} would leave {@code root}, or empty when it stays inside. */
  private static Optional<String> escape(Path root, String rel) {
    Path relative = Path.of(rel);
    Path lexical = root.resolve(relative).normalize();
    if (relative.isAbsolute() || !lexical.startsWith(root.normalize()) || lexical.equals(root.normalize())) {
      return Optional.of("it is not a path inside the worktree " + root);
    }
    Path realRoot = of(root);
    Path folder = of(lexical.getParent());
    if (folder.startsWith(realRoot)) {
      return notWtsOrGits(root, realRoot.relativize(folder.resolve(lexical.getFileName())));
    }
    // name the link the user has to look at: the first folder on the way that leaves the worktree
    Path link = null;
    for (Path p = lexical.getParent(); p != null && p.startsWith(root.normalize()); p = p.getParent()) {
      if (Files.isSymbolicLink(p) && !of(p).startsWith(realRoot)) {
        link = p;
      }
    }
    return Optional.of(link == null
        ? "its folder is really " + folder + ", outside the worktree " + root
        : root.relativize(link) + " is a symlink to " + of(link) + ", outside the worktree " + root);
  }
}
