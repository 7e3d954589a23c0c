package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new worktree gets its submodules from the main worktree's copies, without reaching their URL. */
class SubmoduleTest {

  @TempDir Path tmp;

  @Test
  void submodules_are_initialised_from_the_main_worktree_even_when_their_url_is_unreachable() throws Exception {
    GitRepo lib = GitRepo.create(tmp, "lib");
    lib.write("lib.txt", "library v1\n").commitAll("lib v1");
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.root().toString(), "vendor/lib");
    repo.commitAll("add the library as a submodule");

    // the submodule's URL is gone: only the main worktree's copy can fill the new worktree
    Path moved = Files.move(lib.root(), tmp.resolve("lib-moved"));
    WtRun up = WtRun.in(repo.root(), "up", "feat/sub").ok();
    Path wt = tmp.resolve("app-sub");
    assertEquals("library v1\n", Files.readString(wt.resolve("vendor/lib/lib.txt")));
    assertTrue(up.err().contains("submodule vendor/lib: initialised from the main worktree's copy"), up.err());
    assertEquals(lib.root().toString(), GitRepo.gitIn(wt.resolve("vendor/lib"), "remote", "get-url", "origin").strip(),
        "it points at the submodule's own URL, not at the main worktree");
    assertEquals(lib.root().toString(), repo.git("config", "submodule.vendor/lib.url").strip(),
        "the shared config keeps the real URL");
    assertTrue(GitRepo.gitIn(wt, "submodule", "status").startsWith(" "), "initialised and at the recorded commit");

    WtRun again = WtRun.in(wt, "setup").ok();
    assertTrue(again.out().startsWith("already set up, nothing changed"), again.out() + again.err());
    Files.move(moved, lib.root());
    WtRun.in(repo.root(), "down", "--force", "feat/sub").ok();
  }
}
