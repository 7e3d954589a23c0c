package dev.wt.testing.fake;

import dev.wt.core.WorktreeRecord;
import dev.wt.port.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state store in memory, with the locks the real one has: the allocation lock, one lock per
 * worktree and named locks, each excluding other threads (as the lock files exclude other
 * processes) and re-entrant for the thread that holds it (as {@code JsonStateStore} is).
 * {@code onWait} runs once when another thread holds a worktree's lock.
 */
public final class FakeStateStore implements StateStore {

  private final Map<String, WorktreeRecord> records = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final AtomicInteger saves = new AtomicInteger();
  private final java.util.Set<String> intents = ConcurrentHashMap.newKeySet();
  private final Map<Use, String> uses = new ConcurrentHashMap<>();

  @Override
  public List<WorktreeRecord> all() {
    List<WorktreeRecord> out = new ArrayList<>(records.values());
    out.sort(Comparator.comparing(WorktreeRecord::slug));
    return out;
  }

  /** One fixed id: a fake repository is the only one at its path. */
  @Override
  public dev.wt.core.RepositoryId repositoryId() {
    return new dev.wt.core.RepositoryId("f".repeat(dev.wt.core.RepositoryId.MIN_CHARS));
  }

  @Override
  public Optional<WorktreeRecord> bySlug(String slug) {
    return Optional.ofNullable(records.get(slug));
  }

  @Override
  public void save(WorktreeRecord record) {
    saves.incrementAndGet();
    records.put(record.slug(), record);
  }

  @Override
  public void delete(String slug) {
    records.remove(slug);
  }

  @Override
  public <T> T locked(Supplier<T> action) {
    return hold("state", () -> { }, action);
  }

  @Override
  public <T> T locked(String name, Supplier<T> action) {
    return hold("named:" + name, () -> { }, action);
  }

  @Override
  public boolean intended(String name) {
    return intents.contains(name);
  }

  @Override
  public void intend(String name, boolean on) {
    if (on) {
      intents.add(name);
    } else {
      intents.remove(name);
    }
  }

  @Override
  public <T> T lockedWorktree(String slug, Runnable onWait, Supplier<T> action) {
    return hold("worktree:" + slug, onWait, action);
  }

  @Override
  public <T> Optional<T> ifWorktreeIdle(String slug, Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent("worktree:" + slug, n -> new ReentrantLock());
    if (!lock.tryLock()) {
      return Optional.empty();
    }
    try {
      return Optional.of(action.get());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Use use(String name) {
    Use mark = new Use() {
      @Override
      public void close() {
        uses.remove(this);
      }
    };
    uses.put(mark, name);
    return mark;
  }

  @Override
  public boolean usedByOthers(String name, Use own) {
    return uses.entrySet().stream().anyMatch(u -> u.getValue().equals(name) && u.getKey() != own);
  }

  /** Whether this thread holds the allocation lock now (for fakes that check their callers). */
  public boolean allocationLockHeld() {
    ReentrantLock l = locks.get("state");
    return l != null && l.isHeldByCurrentThread();
  }

  /** How many times a record was written. */
  public int saves() {
    return saves.get();
  }

  private <T> T hold(String name, Runnable onWait, Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
    if (!lock.tryLock()) {
      onWait.run();
      lock.lock();
    }
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
