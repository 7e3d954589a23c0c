package dev.wt.core;

import java.util.Objects;

/**
 * A file wt put into a worktree, with a fingerprint of what it wrote.
 *
 * @param path relative to the worktree root
 * @param kind how wt put it there
 * @param sha256 hex digest of the content wt wrote (for symlinks: of the link target); null for
 *     directories, whose content wt does not track
 */
public record GeneratedFile(String path, Kind kind, String sha256) {
  public GeneratedFile {
    WorktreeRecord.usablePath("path", Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(kind, "kind");
  }

  /** How wt put a file there; in the state file as its lower-case name ({@code "env"}). */
  public enum Kind {
    /** The env file wt writes. */
    ENV,
    /** The browser session file. */
    SESSION,
    /** A link to the main worktree's file ({@code [files] symlink}). */
    SYMLINK,
    /** A copy of the main worktree's file or folder ({@code [files] copy}). */
    COPY,
    /** An ignored file the worktree include list copies ({@code .worktreeinclude}). */
    INCLUDE,
    /** A SQLite database file. */
    DATABASE,
    /** A file rendered from a template ({@code [[files.template]]}). */
    TEMPLATE;

    /** Whether teardown removes it (when unchanged): wt wrote it and can write it again. */
    public boolean removable() {
      return this == ENV || this == SESSION || this == SYMLINK;
    }

    /** Whether it holds the user's content copied from the main worktree (a change there is work). */
    public boolean copied() {
      return this == COPY || this == INCLUDE;
    }

    @Override
    public String toString() {
      return dev.wt.core.Words.of(this);
    }
  }
}
