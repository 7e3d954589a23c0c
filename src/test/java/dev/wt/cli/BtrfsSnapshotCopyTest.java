package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Poll;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copied folder that is a Btrfs subvolume arrives as a snapshot, on a real loop-mounted Btrfs: the
 * same files, a subvolume of its own (so edits stay in the worktree), and wt down removes it.
 */
class BtrfsSnapshotCopyTest {

  @TempDir static Path tmp;
  static Path mount;

  @BeforeAll
  static void mountBtrfs() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root may loop-mount a Btrfs image");
    Needs.tool(Files.isExecutable(Path.of("/sbin/mkfs.btrfs")) || Files.isExecutable(Path.of("/usr/sbin/mkfs.btrfs")),
        "no mkfs.btrfs here (apt-get install btrfs-progs; .ci/run does)");
    Path image = tmp.resolve("btrfs.img");
    run("truncate", "-s", "256M", image.toString());
    run("mkfs.btrfs", "-q", image.toString());
    mount = Files.createDirectory(tmp.resolve("mnt"));
    Assumptions.assumeTrue(new ProcessBuilder("mount", "-o", "loop", image.toString(), mount.toString()).inheritIO()
        .start().waitFor() == 0, "this machine does not let root mount a loop image");
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void a_subvolume_is_snapshotted_and_goes_with_the_worktree() throws Exception {
    GitRepo repo = GitRepo.create(mount, "app");
    repo.write(".gitignore", "node_modules/\nvendor/\n").write("wt.toml", """
        [files]
        copy = ["node_modules", "vendor"]
        """).commitAll("init");
    Path modules = repo.path("node_modules");
    run("btrfs", "subvolume", "create", modules.toString());
    for (int i = 0; i < 200; i++) {
      Files.writeString(Files.createDirectories(modules.resolve("pkg" + i / 20)).resolve("f" + i + ".js"), "x" + i);
    }
    Files.createDirectories(repo.path("vendor")).resolve("lib.txt").toFile().createNewFile();

    WtRun up = WtRun.in(repo.root(), "up", "feat/cow").ok();
    assertTrue(up.err().contains("copied (Btrfs snapshot)"), up.err());
    Path wt = repo.worktrees().stream().filter(p -> !p.equals(repo.root())).findFirst().orElseThrow();
    Path copy = wt.resolve("node_modules");
    assertEquals(256L, Files.getAttribute(copy, "unix:ino", LinkOption.NOFOLLOW_LINKS), "a subvolume of its own");
    assertEquals("x123", Files.readString(copy.resolve("pkg6/f123.js")));
    // a plain folder beside it is copied the ordinary way
    assertTrue(Files.exists(wt.resolve("vendor/lib.txt")));
    Files.writeString(copy.resolve("pkg6/f123.js"), "changed in the worktree");
    assertEquals("x123", Files.readString(modules.resolve("pkg6/f123.js")), "the main checkout's file is untouched");

    WtRun.in(repo.root(), "down", "--force", "feat/cow").ok();
    assertFalse(Files.exists(wt));
    Path deleting = repo.path(".git/wt/trash/.deleting");
    Poll.await("the background deletion removes the snapshot", Duration.ofSeconds(30), () -> {
      try (var left = Files.list(deleting)) {
        return left.findAny().isEmpty();
      }
    });
    assertTrue(Files.exists(modules.resolve("pkg6/f123.js")));
  }

  @Test
  void a_subvolume_holding_another_is_copied_file_by_file_so_nothing_is_left_out() throws Exception {
    GitRepo repo = GitRepo.create(mount, "nested");
    repo.write(".gitignore", "data/\n").write("wt.toml", """
        [files]
        copy = ["data"]
        """).commitAll("init");
    run("btrfs", "subvolume", "create", repo.path("data").toString());
    run("btrfs", "subvolume", "create", repo.path("data/nested").toString());
    Files.writeString(repo.path("data/nested/important"), "keep me");

    WtRun up = WtRun.in(repo.root(), "up", "feat/nested").ok();
    assertFalse(up.err().contains("Btrfs snapshot"), up.err());
    Path wt = repo.worktrees().stream().filter(p -> !p.equals(repo.root())).findFirst().orElseThrow();
    assertEquals("keep me", Files.readString(wt.resolve("data/nested/important")));
    WtRun.in(repo.root(), "down", "--force", "feat/nested").ok();
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", cmd));
  }
}
