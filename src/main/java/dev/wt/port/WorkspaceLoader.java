package dev.wt.port;

import dev.wt.core.Workspace;
import java.nio.file.Path;
import java.util.Optional;

/** Finds and reads the workspace file ({@link Workspace#FILE}). */
public interface WorkspaceLoader {

  /**
   * The workspace at {@code explicit} (a file, or a folder holding one) when given, else the
   * nearest {@link Workspace#FILE} in {@code cwd} or a folder above it.
   */
  Optional<Workspace> find(Path cwd, Path explicit);
}
