package dev.wt.adapter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  @TempDir Path tmp;

  @Test
  void a_user_the_folders_on_the_way_keep_out_cannot_be_working_inside() throws Exception {
    Path open = Files.createDirectories(tmp.resolve("open/worktree"));
    Path closed = Files.createDirectories(tmp.resolve("closed/worktree"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(tmp.resolve("open"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(tmp.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
    long owner = ((Number) Files.getAttribute(tmp, "unix:uid")).longValue();
    long stranger = owner + 4242;

    assertTrue(new Credentials(stranger, stranger, Set.of()).mayEnter(open));
    assertFalse(new Credentials(stranger, stranger, Set.of()).mayEnter(closed));
    assertTrue(new Credentials(owner, owner, Set.of()).mayEnter(closed), "the owner may");
    assertTrue(new Credentials(0, 0, Set.of()).mayEnter(closed), "root may go anywhere");
  }

  @Test
  void this_process_credentials_are_read_from_proc() {
    Needs.proc();
    Credentials self = Credentials.of(Path.of("/proc/self"));
    assertNotNull(self);
    assertEquals(((Number) uidOfProc()).longValue(), self.uid());
  }

  private static Object uidOfProc() {
    try {
      return Files.getAttribute(Path.of("/proc/self/status"), "unix:uid");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
