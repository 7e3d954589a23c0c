package dev.wt.core.config;

import dev.wt.core.RedisUrl;

/**
 * {@code [redis]}: the Redis server whose numbered databases are handed out one per worktree
 * ({@code REDIS_URL=…/<n>}); no {@code url}, no Redis.
 */
public record RedisConfig(String url) {

  public RedisConfig {
    if (url != null) {
      RedisUrl.parse(url); // refuses a URL wt could not connect with, naming the key
    }
  }

  public boolean enabled() {
    return url != null;
  }
}
