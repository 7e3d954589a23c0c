package dev.wt.core.config;

/**
 * Git settings applied per worktree.
 *
 * @param worktreeIdentity pin user.name/user.email into the worktree's own config
 * @param fetch fetch the base from its remote before {@code wt up} branches from it
 */
public record GitConfig(Boolean worktreeIdentity, Boolean fetch) {

  public GitConfig {
    worktreeIdentity = worktreeIdentity == null ? Boolean.FALSE : worktreeIdentity;
    fetch = fetch == null ? Boolean.FALSE : fetch;
  }

  public GitConfig(Boolean worktreeIdentity) {
    this(worktreeIdentity, null);
  }
}
