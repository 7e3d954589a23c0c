package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.core.OwnedRedis;
import dev.wt.core.RedisUrl;
import dev.wt.core.Secrets;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.RedisConfig;
import dev.wt.port.PortClaims;
import dev.wt.port.Redis;
import dev.wt.port.Reporter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Gives each worktree a numbered database of the {@code [redis]} server, like a port: under the
 * state lock, one no other worktree holds (of this repository, or through the user's claims of
 * another), probed empty; frozen in the record as {@code REDIS_URL=…/<n>}. Teardown flushes that
 * database, and only one wt allocated. Database 0 is never handed out: it is the main checkout's.
 */
public final class RedisProvisioner implements ResourceProvisioner {

  private final Redis redis;
  private final Function<String, PortClaims> claimsFor;

  /**
   * @param claimsFor the user's claims on a server's database numbers, by {@link RedisUrl#server()};
   *     it may return null (no home to keep them in: this repository's state only)
   */
  public RedisProvisioner(Redis redis, Function<String, PortClaims> claimsFor) {
    this.redis = redis;
    this.claimsFor = claimsFor;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public boolean needsLock() {
    return true;
  }

  @Override
  public WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter) {
    RedisConfig config = repo.config().redis();
    OwnedRedis held = record.redis();
    if (!config.enabled()) {
      if (held != null) {
        reporter.warn("[redis] is gone from the configuration but this worktree holds Redis database " + held.db()
            + " (wt teardown flushes and releases it)");
      }
      return record;
    }
    RedisUrl server = parse(config.url());
    if (held != null) {
      RedisUrl was = parse(held.url());
      if (!was.server().equals(server.server())) {
        reporter.warn("[redis] url now names " + server.server() + " but this worktree holds database " + held.db()
            + " of " + was.server() + " (wt teardown, then wt setup, to move)");
      } else {
        reporter.unchanged("redis " + Secrets.mask(held.vars().getOrDefault("REDIS_URL", was.forDatabase(held.db()))));
      }
      return record;
    }
    int db = allocate(repo, record.slug(), server, true);
    WorktreeRecord updated = record.withRedis(new OwnedRedis(config.url(), db, OwnedRedis.varsFor(server, db, record.slug())));
    // saved here, under the lock, so that the next allocation sees the number as taken
    repo.state().save(updated);
    reporter.done("redis " + Secrets.mask(server.forDatabase(db)) + " (keys may also be prefixed " + record.slug() + ":)");
    return updated;
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    OwnedRedis held = record.redis();
    if (held == null) {
      return record;
    }
    RedisUrl server = parse(held.url());
    try (Redis.Session s = redis.open(server)) {
      s.flush(held.db());
    }
    PortClaims claims = claimsFor.apply(server.server());
    if (claims != null) {
      claims.release(owner(repo, record.slug()), List.of(held.db()));
    }
    reporter.done("flushed Redis database " + held.db() + " of " + server.server());
    return record.withRedis(null);
  }

  @Override
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    RedisConfig config = repo.config().redis();
    boolean frozen = repo.state().bySlug(identity.slug()).map(r -> r.redis() != null).orElse(false);
    if (config.enabled() && !frozen) {
      allocate(repo, identity.slug(), parse(config.url()), false); // the server answers, a number is free
    }
  }

  @Override
  public Set<String> variableNames(Repo repo) {
    return repo.config().redis().enabled() ? Set.of("REDIS_URL", "WT_REDIS_DB", "WT_REDIS_PREFIX") : Set.of();
  }

  /** The lowest free, empty database number; with {@code claim} false only looks. */
  private int allocate(Repo repo, String slug, RedisUrl server, boolean claim) {
    Set<Integer> taken = new HashSet<>();
    for (WorktreeRecord other : repo.state().all()) {
      if (!other.slug().equals(slug) && other.redis() != null && parse(other.redis().url()).server().equals(server.server())) {
        taken.add(other.redis().db());
      }
    }
    PortClaims claims = claimsFor.apply(server.server());
    String owner = owner(repo, slug);
    if (claims != null) {
      taken.addAll(claims.heldByOthers(owner));
    }
    int count;
    int busy = 0;
    try (Redis.Session s = redis.open(server)) {
      count = s.databases();
      for (int db = 1; db < count; db++) {
        if (taken.contains(db)) {
          continue;
        }
        if (s.size(db) != 0) {
          busy++; // someone's keys: never handed out, never flushed
          continue;
        }
        if (!claim) {
          return db;
        }
        if (claims != null && !claims.claim(owner, List.of(db))) {
          continue; // another repository's up took it a moment ago
        }
        return db;
      }
    }
    throw WtException.refused("no free Redis database on " + server.server() + ": " + (count - 1)
        + " numbered ones besides 0, " + taken.size() + " held by worktrees, " + busy + " holding keys",
        "wt down worktrees you no longer use, raise 'databases' in redis.conf, or empty one you do not need");
  }

  private static RedisUrl parse(String url) {
    try {
      return RedisUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw WtException.refused(e.getMessage(), "fix [redis] url in wt.toml, e.g. redis://127.0.0.1:6379");
    }
  }

  private static String owner(Repo repo, String slug) {
    return repo.location().commonDir() + "#" + slug;
  }
}
