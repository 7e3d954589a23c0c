package dev.wt.port;

import dev.wt.core.config.WtConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@code wt.toml} and {@code wt.local.toml} for a worktree. */
public interface ConfigLoader {

  String SHARED_FILE = "wt.toml";
  String LOCAL_FILE = "wt.local.toml";

  /**
   * Loads the merged configuration: each file is looked for in {@code worktree} first, then in
   * {@code mainWorktree}; the local file wins key by key.
   *
   * @throws dev.wt.core.WtException (refused) naming the file and key of any error
   */
  WtConfig load(Path worktree, Path mainWorktree);

  /**
   * The user's own file ({@code wt.local.toml}, looked for like {@link #load}) read alone: what it
   * configures is the user's, not the repository's (see {@code wt trust}).
   */
  Optional<UserFile> userFile(Path worktree, Path mainWorktree);

  /** The local file and its configuration on its own. */
  record UserFile(Path path, WtConfig config) {}
}
