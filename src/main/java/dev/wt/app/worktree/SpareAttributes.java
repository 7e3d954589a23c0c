package dev.wt.app.worktree;

import dev.wt.app.Services;
import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The attributes a checkout writes files with: every {@code .gitattributes} of the tree (path and
 * blob) and the repository's {@code info/attributes}. A spare's files were written with one such
 * set; a checkout over them is the checkout of a fresh folder only when its commit has the same set
 * (a file equal in both keeps the line endings or filter output it was written with).
 *
 * @param files each {@code .gitattributes} by path, and its blob's id
 * @param info a fingerprint of {@code info/attributes}, {@code -} when there is none
 */
record SpareAttributes(Map<String, String> files, String info) {

  /** The file in a spare folder that holds the set its files were written with. */
  static final String FILE = "attributes";

  SpareAttributes {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    Objects.requireNonNull(info, "info");
  }

  /** The set of a tree whose {@code .gitattributes} are {@code files}, with the repository's info/attributes now. */
  static SpareAttributes of(Services services, Path commonDir, Map<String, String> files) {
    Path info = commonDir.resolve("info").resolve("attributes");
    return new SpareAttributes(files, services.disk().exists(info) ? services.files().fingerprint(info).orElse("?") : "-");
  }

  /** The set of {@code commit}; empty when git cannot list it. */
  static Optional<SpareAttributes> ofCommit(Services services, Path main, Path commonDir, String commit) {
    return services.git().attributeFiles(main, commit).map(files -> of(services, commonDir, files));
  }

  /**
   * One line per file ({@code <blob> <path>}, by path, a backslash and a newline in a path
   * escaped), then {@code info/attributes <fingerprint>}: two sets are the same exactly when their
   * texts are.
   */
  String text() {
    StringBuilder out = new StringBuilder();
    files.forEach((path, blob) -> out.append(blob).append(' ')
        .append(path.replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
    return out.append("info/attributes ").append(info).append('\n').toString();
  }

  /**
   * Whether the files of the worktree whose HEAD's reflog is {@code reflog} were all written with
   * the set its index has now: no move of its HEAD since the checkout that made it touched a
   * {@code .gitattributes} (a file the move did not change keeps the form the old attributes gave
   * it). False when the reflog does not go back to that checkout.
   */
  static boolean steady(Git git, Path main, String reflog) {
    java.util.List<Git.HeadMove> moves = new java.util.ArrayList<>();
    boolean first = true;
    for (String line : reflog.split("\n")) {
      String[] f = line.split(" ", 3);
      if (line.isEmpty()) {
        continue;
      }
      if (f.length < 3 || !f[0].matches("[0-9a-f]{40,64}") || !f[1].matches("[0-9a-f]{40,64}")) {
        return false;
      }
      boolean none = f[0].chars().allMatch(c -> c == '0');
      if (first != none) {
        return false; // the checkout that made it is not the first entry: the log was cut, or HEAD deleted
      }
      first = false;
      if (!none && !f[0].equals(f[1])) {
        moves.add(new Git.HeadMove(f[0], f[1]));
      }
    }
    return !first && (moves.isEmpty() || !git.attributesMoved(main, moves));
  }
}
