package dev.wt.adapter.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of several paths git ignores, in one read; a path git rejects does not hide the others' answers. */
class IgnoredPathsTest {

  @TempDir Path tmp;

  @Test
  void the_ignored_ones_of_several_paths_are_found() {
    GitRepo repo = GitRepo.create(tmp, "demo"); // .gitignore: .env.local, node_modules/

    assertEquals(List.of(".env.local", "node_modules/x"),
        RealServices.git().ignored(repo.root(), List.of(".env.local", "README.md", "node_modules/x", "new.txt")));
  }

  @Test
  void names_that_look_like_pathspec_magic_are_names() {
    GitRepo repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", "*.secret\n").commitAll("ignore secrets");

    assertEquals(List.of(":!c.secret", ":(exclude)d.secret"), RealServices.git().ignored(repo.root(),
        List.of(":!c.secret", ":(exclude)d.secret", ":(attr:x)e.txt")));
    assertTrue(RealServices.git().isIgnored(repo.root(), ":!c.secret"));
  }

  @Test
  void an_ignored_file_named_like_pathspec_magic_is_found_for_copying() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", "*.secret\n").commitAll("ignore secrets");
    Files.writeString(repo.path(":!c.secret"), "x\n");
    Files.writeString(repo.path("b.secret"), "y\n");
    Path patterns = Files.writeString(tmp.resolve("include"), "*.secret\n");

    assertEquals(java.util.Set.of(":!c.secret", "b.secret"),
        java.util.Set.copyOf(RealServices.git().ignoredMatching(repo.root(), patterns)));
  }

  @Test
  void a_path_beyond_a_symbolic_link_counts_as_not_ignored_and_the_others_keep_their_answer() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    Files.createDirectories(repo.path("real"));
    Files.createSymbolicLink(repo.path("linked"), Path.of("real"));
    repo.commitAll("a link to a folder");

    // git check-ignore stops at such a path with exit 128 ("beyond a symbolic link")
    assertEquals(List.of(".env.local", "node_modules/x"), RealServices.git().ignored(repo.root(),
        List.of("linked/.env.local", ".env.local", "node_modules/x")));
  }
}
