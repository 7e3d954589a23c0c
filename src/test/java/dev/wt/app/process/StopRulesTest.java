package dev.wt.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.fake.FakeProcessTable;
import dev.wt.testing.fake.FakeWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What wt stop signals and what it spares, on a fake process table. */
class StopRulesTest {

  static final String NO_DATABASES = "[postgres]\nmode = \"none\"\n";

  @TempDir Path tmp;

  private static Map<Long, StopUseCase.Outcome> outcomes(List<StopUseCase.Result> results) {
    return results.get(0).processes().stream()
        .collect(Collectors.toMap(StopUseCase.Stopped::pid, StopUseCase.Stopped::outcome));
  }

  @Test
  void stop_ends_what_works_in_the_worktree_and_spares_shells_and_wt_itself() {
    FakeWorld w = new FakeWorld(tmp, NO_DATABASES);
    Path wt = w.up("feat/x").path();
    long server = w.processes.start(wt, "rails s");
    long shell = w.processes.shell(wt);
    long elsewhere = w.processes.start(w.main(), "rails s");

    var results = w.stop().stop(w.main(), new StopUseCase.Request("feat/x", false, Duration.ZERO, false), w.reporter);

    Map<Long, StopUseCase.Outcome> o = outcomes(results);
    assertEquals(StopUseCase.Outcome.TERMINATED, o.get(server));
    assertEquals(StopUseCase.Outcome.SPARED, o.get(shell));
    assertFalse(o.containsKey(elsewhere));
    assertTrue(w.processes.running(shell) && w.processes.running(elsewhere));
    assertTrue(w.processes.running(FakeProcessTable.SELF));
  }

  @Test
  void a_process_that_ignores_sigterm_is_killed_after_the_grace_period() {
    FakeWorld w = new FakeWorld(tmp, NO_DATABASES);
    Path wt = w.up("feat/x").path();
    long stubborn = w.processes.stubborn(wt, "sleep 1000");

    var results = w.stop().stop(w.main(), new StopUseCase.Request("feat/x", false, Duration.ZERO, false), w.reporter);

    assertEquals(StopUseCase.Outcome.KILLED, outcomes(results).get(stubborn));
    assertEquals(List.of("TERM group " + stubborn, "KILL group " + stubborn), w.processes.sent());
  }

  @Test
  void a_dry_run_signals_nothing() {
    FakeWorld w = new FakeWorld(tmp, NO_DATABASES);
    Path wt = w.up("feat/x").path();
    long server = w.processes.start(wt, "rails s");

    var results = w.stop().stop(w.main(), new StopUseCase.Request("feat/x", true, Duration.ZERO, false), w.reporter);

    assertEquals(StopUseCase.Outcome.WOULD_STOP, outcomes(results).get(server));
    assertTrue(w.processes.sent().isEmpty());
    assertTrue(w.processes.running(server));
  }
}
