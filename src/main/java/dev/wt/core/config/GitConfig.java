package dev.wt.core.config;

/** Git settings applied per worktree. */
public record GitConfig(Boolean worktreeIdentity) {

  public GitConfig {
    worktreeIdentity = worktreeIdentity == null ? Boolean.FALSE : worktreeIdentity;
  }
}
