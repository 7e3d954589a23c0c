package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.port.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marks of the commands using a server: each sees the others', not its own; a dead process's goes. */
class UseMarksTest {

  @TempDir Path tmp;

  @Test
  void a_command_sees_another_commands_mark_until_it_is_closed_but_never_its_own() {
    JsonStateStore state = new JsonStateStore(tmp);
    assertFalse(state.usedByOthers("server", null));
    try (StateStore.Use mine = state.use("server")) {
      assertFalse(state.usedByOthers("server", mine));
      assertTrue(state.usedByOthers("server", null));
      StateStore.Use theirs = new JsonStateStore(tmp).use("server");
      assertTrue(state.usedByOthers("server", mine));
      theirs.close();
      theirs.close();
      assertFalse(state.usedByOthers("server", mine));
    }
    assertFalse(state.usedByOthers("server", null));
  }

  @Test
  void the_mark_a_killed_command_left_counts_for_nothing_and_goes() throws Exception {
    Path stale = tmp.resolve("wt/locks/server.users/999999999-1-2-0.mark");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, ""); // no process holds its lock

    assertFalse(new JsonStateStore(tmp).usedByOthers("server", null));
    assertFalse(Files.exists(stale));
  }

  @Test
  void the_mark_a_killed_command_left_under_this_processs_pid_is_stale_too() throws Exception {
    // the PID of a killed command is reused by a later one: its name proves nothing
    Path stale = tmp.resolve("wt/locks/server.users/" + ProcessHandle.current().pid() + "-1-2-0.mark");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "");

    JsonStateStore state = new JsonStateStore(tmp);
    try (StateStore.Use mine = state.use("server")) {
      assertFalse(state.usedByOthers("server", mine));
      assertFalse(Files.exists(stale));
      try (StateStore.Use another = state.use("server")) {
        assertTrue(state.usedByOthers("server", mine), "another command of this process still counts");
      }
    }
  }
}
