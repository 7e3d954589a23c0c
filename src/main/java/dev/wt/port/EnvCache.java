package dev.wt.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last computed variables of a worktree, kept as plain text beside its slug marker so that
 * {@code wt env} (run on every {@code cd}) answers without parsing JSON or TOML.
 */
public interface EnvCache {

  /**
   * What the files say about the directory, without git.
   *
   * @param mainWorktree whether {@code dir} is in a main worktree (which has no wt environment)
   * @param variables the cached variables, when they are still valid
   */
  record Lookup(boolean mainWorktree, Optional<Map<String, String>> variables) {}

  /** Looks {@code dir} up; empty when only git can tell where it is. */
  Optional<Lookup> read(Path dir);

  /**
   * Caches {@code variables} for the worktree {@code dir} is in, valid while the record file of
   * {@code slug} and every one of {@code inputs} (present or absent) stay as they are now.
   */
  void write(Path dir, String slug, Map<String, String> variables, List<Path> inputs);
}
