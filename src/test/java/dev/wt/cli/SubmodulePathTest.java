package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed {@code .gitmodules} names paths, but only the index's submodules (gitlinks) inside
 * the worktree are treated as submodules: a path that is a symlink to another repository must not
 * make {@code wt down} move that repository's ignored files into its trash.
 */
class SubmodulePathTest {

  @TempDir Path tmp;

  @Test
  void a_gitmodules_path_through_a_symlink_to_another_repository_is_not_a_submodule() throws Exception {
    GitRepo other = GitRepo.create(tmp, "other");
    other.write(".gitignore", "*.key\n").commitAll("ignore keys");
    Files.writeString(other.path("prod.key"), "SECRET\n");
    GitRepo repo = GitRepo.create(tmp, "demo");
    Files.createSymbolicLink(repo.path("lib"), other.root());
    repo.write(".gitmodules", "[submodule \"lib\"]\n\tpath = lib\n\turl = x\n").commitAll("a link named as a submodule");

    WtRun.in(repo.root(), "up", "feat/s").ok();
    WtRun down = WtRun.in(repo.root(), "down", "feat/s").ok();
    assertEquals("SECRET\n", Files.readString(other.path("prod.key")), down.err());
    assertFalse(down.err().contains("moved 1 ignored"), down.err());
  }
}
