package dev.wt.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Git settings applied per worktree. */
public record GitConfig(@JsonProperty("worktree_identity") Boolean worktreeIdentity) {

  public GitConfig {
    worktreeIdentity = worktreeIdentity == null ? Boolean.FALSE : worktreeIdentity;
  }
}
