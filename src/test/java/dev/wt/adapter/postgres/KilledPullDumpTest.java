package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code wt db pull} killed mid-copy leaves its dump (a full copy of the source's data) in the
 * temp folder; the next pull deletes it, and never a running pull's or a folder it did not make.
 */
class KilledPullDumpTest {

  @TempDir Path tmp;

  @Test
  void a_dead_pulls_dump_goes_and_a_live_ones_and_strangers_folders_stay() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = Files.createDirectories(tmp.resolve(PgClientTools.PULL_PREFIX + gone.pid() + "-123/dump"));
    Files.writeString(dead.resolve("3456.dat"), "customer rows");
    Path live = Files.createDirectories(tmp.resolve(PgClientTools.PULL_PREFIX + ProcessHandle.current().pid() + "-9/dump"));
    Path odd = Files.createDirectories(tmp.resolve(PgClientTools.PULL_PREFIX + "notapid-1"));
    Path other = Files.createDirectories(tmp.resolve("wt-pullish"));

    PgClientTools.removeKilledDumps(tmp);

    assertFalse(Files.exists(dead.getParent()), "the killed pull's dump");
    assertTrue(Files.exists(live) && Files.exists(odd) && Files.exists(other));
  }
}
