package dev.wt.testing.fake;

import dev.wt.core.PgServer;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Reporter;
import java.util.Optional;

/**
 * A machine where wt never made an embedded cluster: asking about it says so; starting one is not
 * faked (initdb, downloads and a running server are the CLI tests' business).
 */
public final class NoEmbeddedCluster implements EmbeddedPostgres {

  @Override
  public PgServer start(Settings settings, Reporter reporter) {
    throw new UnsupportedOperationException("EmbeddedPostgres.start is not faked: test it through the CLI");
  }

  @Override
  public Optional<PgServer> check(Settings settings) {
    throw new UnsupportedOperationException("EmbeddedPostgres.check is not faked: test it through the CLI");
  }

  @Override
  public boolean stop(Settings settings, Reporter reporter) {
    return false;
  }

  @Override
  public Status status(Settings settings) {
    return new Status(settings.key(), false, false, null, null, null, null);
  }

  @Override
  public boolean remove(Settings settings, Reporter reporter) {
    return false;
  }
}
