package dev.wt.app.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.port.Reporter;
import dev.wt.testing.fake.FakeWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ups at once, on fakes whose state store holds its locks as the real one does. */
class UpConcurrencyTest {

  @TempDir Path tmp;

  /** A reporter that opens {@code latch} when the command waits for another one's lock. */
  private static Reporter waiting(FakeWorld w, CountDownLatch latch) {
    return new FakeWorld.Recorder() {
      @Override
      public synchronized void progress(String message) {
        w.reporter.progress(message);
        if (message.startsWith("waiting for another wt command")) {
          latch.countDown();
        }
      }
    };
  }

  @Test
  void two_ups_of_one_branch_at_once_make_one_worktree_and_the_second_finds_it() throws Exception {
    FakeWorld w = new FakeWorld(tmp, UpDownRulesTest.TOML);
    CountDownLatch secondWaits = new CountDownLatch(1);
    CountDownLatch firstInside = new CountDownLatch(1);
    // the first up stops inside git worktree add until the second is waiting on the worktree's lock
    w.git.beforeAdd(() -> {
      firstInside.countDown();
      await(secondWaits);
    });
    UpUseCase up = w.up();
    CompletableFuture<UpUseCase.Result> first = CompletableFuture.supplyAsync(() ->
        up.up(w.main(), new UpUseCase.Request("feat/x", null, null, false), w.reporter));
    await(firstInside);
    CompletableFuture<UpUseCase.Result> second = CompletableFuture.supplyAsync(() ->
        up.up(w.main(), new UpUseCase.Request("feat/x", null, null, false), waiting(w, secondWaits)));

    UpUseCase.Result a = first.get(60, TimeUnit.SECONDS);
    UpUseCase.Result b = second.get(60, TimeUnit.SECONDS);

    assertTrue(a.created());
    assertEquals(false, b.created());
    assertEquals(a.path(), b.path());
    assertEquals(a.record().databases(), b.record().databases());
    assertEquals(1, w.state.all().size());
    assertEquals(2, w.git.worktrees(w.main()).size());
  }

  @Test
  void two_branches_that_want_one_folder_get_two_folders_and_distinct_ports() throws Exception {
    FakeWorld w = new FakeWorld(tmp, UpDownRulesTest.TOML);
    UpUseCase up = w.up();
    List<CompletableFuture<UpUseCase.Result>> ups = List.of("feat/x", "fix/x").stream()
        .map(b -> CompletableFuture.supplyAsync(() -> up.up(w.main(), new UpUseCase.Request(b, null, null, false),
            w.reporter)))
        .toList();

    UpUseCase.Result a = ups.get(0).get(60, TimeUnit.SECONDS);
    UpUseCase.Result b = ups.get(1).get(60, TimeUnit.SECONDS);

    assertNotEquals(a.path(), b.path());
    assertTrue(a.record().ports().stream().noneMatch(b.record().ports()::contains));
    assertEquals(2, w.state.all().size());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the other up never got there");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
