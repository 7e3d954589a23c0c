package dev.wt.core;

import java.util.Objects;

/**
 * A file wt put into a worktree, with a fingerprint of what it wrote.
 *
 * @param path relative to the worktree root
 * @param kind {@code env}, {@code session}, {@code symlink}, {@code copy} or {@code include}
 * @param sha256 hex digest of the content wt wrote (for symlinks: of the link target); null for
 *     directories, whose content wt does not track
 */
public record GeneratedFile(String path, String kind, String sha256) {
  public GeneratedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }
}
