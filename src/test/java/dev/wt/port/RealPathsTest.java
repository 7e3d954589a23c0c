package dev.wt.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.WtException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPathsTest {

  @TempDir Path tmp;

  @Test
  void a_path_is_inside_only_when_every_folder_on_the_way_really_is() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("wt"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("out"), elsewhere);
    Files.createSymbolicLink(root.resolve("in"), Files.createDirectories(root.resolve("real")));
    Files.createSymbolicLink(root.resolve("file-link"), elsewhere.resolve("target"));

    assertTrue(RealPaths.contained(root, "a/b/new.env"), "folders still to be made");
    assertTrue(RealPaths.contained(root, "in/x.env"), "a link that stays inside");
    assertTrue(RealPaths.contained(root, "file-link"), "the last component is replaced, not followed");
    assertFalse(RealPaths.contained(root, "out/x.env"));
    assertFalse(RealPaths.contained(root, "out/deeper/x.env"));
    assertFalse(RealPaths.contained(root, "../x.env"));
    assertFalse(RealPaths.contained(root, elsewhere.resolve("x.env").toString()));
    assertFalse(RealPaths.contained(root, "."), "the worktree itself is no file");
    // the kernel follows out/ before the "..": the path wt uses is the one it checked
    assertEquals(root.resolve("x.env"), RealPaths.inside(root, "out/../x.env", "write"));

    WtException e = assertThrows(WtException.class, () -> RealPaths.inside(root, "out/deeper/x.env", "write"));
    assertEquals("refusing to write out/deeper/x.env: out is a symlink to " + elsewhere.toRealPath()
        + ", outside the worktree " + root, e.getMessage());
  }
}
