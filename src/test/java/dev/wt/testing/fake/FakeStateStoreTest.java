package dev.wt.testing.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fake state store keeps the promises of the real one's locks, or the use-case tests on it prove nothing. */
class FakeStateStoreTest {

  @Test
  void a_worktree_lock_excludes_another_thread_which_is_told_it_waits_once() throws Exception {
    FakeStateStore store = new FakeStateStore();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.lockedWorktree("a_1", () -> { }, () -> {
      inside.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    inside.await(60, TimeUnit.SECONDS);
    AtomicInteger waits = new AtomicInteger();
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> store.lockedWorktree("a_1", () -> {
      waits.incrementAndGet();
      release.countDown();
    }, () -> {
      ran.set(true);
      return null;
    }));
    second.get(60, TimeUnit.SECONDS);
    holder.get(60, TimeUnit.SECONDS);
    assertEquals(1, waits.get());
    assertEquals(true, ran.get());
  }

  @Test
  void a_lock_is_reentrant_for_its_holder_and_locks_of_other_names_are_independent() {
    FakeStateStore store = new FakeStateStore();
    int v = store.locked(() -> store.locked(() -> store.locked("server", () -> store.lockedWorktree("b_2",
        () -> { throw new AssertionError("waited for itself"); }, () -> 7))));
    assertEquals(7, v);
    assertFalse(store.allocationLockHeld());
  }
}
