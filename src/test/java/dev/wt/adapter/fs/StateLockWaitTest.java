package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command waiting for the state lock says so, naming the process that holds it. */
class StateLockWaitTest {

  @TempDir Path tmp;

  @Test
  void waiting_for_the_lock_names_the_holders_pid() throws Exception {
    JsonStateStore holderStore = new JsonStateStore(tmp);
    List<String> told = new CopyOnWriteArrayList<>();
    JsonStateStore waiterStore = new JsonStateStore(tmp, told::add);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> holderStore.locked(() -> {
      held.countDown();
      try {
        release.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.start();
    assertTrue(held.await(1, TimeUnit.MINUTES));
    Thread waiter = new Thread(() -> waiterStore.locked(() -> "got it"));
    waiter.start();
    // the waiter speaks up while it waits; only then is the holder let go
    Poll.until(Duration.ofMinutes(1), () -> !told.isEmpty() || !waiter.isAlive());
    release.countDown();
    holder.join();
    waiter.join();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("held by pid " + ProcessHandle.current().pid() + " ("), told.get(0) + ": pid and command");
  }

  @Test
  void a_lock_taken_again_inside_itself_does_not_wait_for_itself() {
    JsonStateStore store = new JsonStateStore(tmp, message -> {
      throw new AssertionError("waited: " + message);
    });
    assertEquals("inner", store.locked(() -> store.locked(() -> "inner")));
    assertEquals("named", store.locked(() -> store.locked("template", () -> store.locked(() -> "named"))));
  }

  @Test
  void the_holders_command_reads_as_the_user_typed_it() {
    assertEquals("wt up feat/x", LockFile.holderCommand(
        "/usr/lib/jvm/bin/java -XX:TieredStopAtLevel=1 -jar /home/u/.local/bin/wt up feat/x"));
    assertEquals("wt up feat/x", LockFile.holderCommand(
        "/usr/lib/jvm/bin/java -Xss2m -cp /home/u/.local/bin/wt dev.wt.Main up feat/x"));
    assertEquals("wt", LockFile.holderCommand("/usr/bin/java -cp x dev.wt.Main"));
    assertEquals("/usr/bin/java -cp x org.example.Other up", LockFile.holderCommand("/usr/bin/java -cp x org.example.Other up"));
  }
}
