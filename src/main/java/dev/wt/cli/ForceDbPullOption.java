package dev.wt.cli;

import picocli.CommandLine.Option;

/** {@code --force-db-pull} on setup and up: pull into databases even when they already have tables. */
final class ForceDbPullOption {

  private final Wiring wiring;

  ForceDbPullOption(Wiring wiring) {
    this.wiring = wiring;
  }

  @Option(names = "--force-db-pull",
      description = "Restore databases filled by pull even when they already have tables (also WT_FORCE_DB_PULL=1).")
  void force(boolean force) {
    wiring.forceDbPull(force);
  }
}
