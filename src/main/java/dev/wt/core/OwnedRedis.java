package dev.wt.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Redis database wt allocated for one worktree, frozen in its record; teardown flushes it.
 *
 * @param url the server's URL as configured when it was allocated (password included: wt connects with it)
 * @param db the database number
 * @param vars the env variables it exposes ({@code REDIS_URL}, {@code WT_REDIS_PREFIX})
 */
public record OwnedRedis(String url, int db, Map<String, String> vars) {

  public OwnedRedis {
    Objects.requireNonNull(url, "url");
    if (db < 0) {
      throw new IllegalArgumentException("a Redis database number is never negative: " + db);
    }
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
  }

  /** The variables a worktree with slug {@code slug} gets for database {@code db} of {@code server}. */
  public static Map<String, String> varsFor(RedisUrl server, int db, String slug) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("REDIS_URL", server.forDatabase(db));
    vars.put("WT_REDIS_DB", Integer.toString(db));
    vars.put("WT_REDIS_PREFIX", slug + ":");
    return vars;
  }
}
