package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.EmbeddedRepo;
import dev.wt.testing.WtRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A dry-run {@code wt gc} starts nothing: a stopped embedded cluster stays stopped, and it says so. */
class GcDryRunTest {

  private EmbeddedRepo made;

  @AfterEach
  void removeTheCluster() {
    if (made != null) {
      made.close();
    }
  }

  @Test
  void a_dry_run_leaves_a_stopped_embedded_cluster_stopped() {
    made = EmbeddedRepo.create("wt-gcdry");
    WtRun.in(made.repo().root(), made.env(), "up", "feat/one").ok();
    WtRun.in(made.repo().root(), made.env(), "db", "server", "stop").ok();

    WtRun gc = WtRun.in(made.repo().root(), made.env(), "gc");

    assertTrue(gc.err().contains("not searched: it is stopped") || gc.out().contains("not searched: it is stopped"),
        gc.out() + gc.err());
    WtRun status = WtRun.in(made.repo().root(), made.env(), "db", "server", "status");
    assertTrue(status.exitCode() != 0 && status.out().contains("stopped"), status.out() + status.err());
    WtRun.in(made.repo().root(), made.env(), "down", "feat/one").ok();
  }
}
