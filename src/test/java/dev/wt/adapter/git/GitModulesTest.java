package dev.wt.adapter.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.port.Git;
import dev.wt.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submodules read from the index and {@code .gitmodules} are the ones {@code git submodule
 * status} marks uninitialised ({@code -}), for submodules at the top, at a nested path, renamed
 * (moved after they were added, so name and path differ) and with a dot in their name.
 */
class GitModulesTest {

  @TempDir Path tmp;
  GitRepo app;

  @BeforeEach
  void superproject() throws Exception {
    GitRepo lib = GitRepo.create(tmp, "lib");
    lib.write("lib.txt", "library\n").commitAll("lib");
    String url = "file://" + lib.root();
    app = GitRepo.create(tmp, "app");
    addSubmodule(url, null, "top");
    addSubmodule(url, null, "vendor/deep/nested");
    addSubmodule(url, null, "old/place");
    addSubmodule(url, "dotted.name", "dotted");
    Files.createDirectories(app.path("moved"));
    app.git("mv", "old/place", "moved/here");
    app.commitAll("submodules");
    assertEquals("moved/here\n", app.git("config", "-f", ".gitmodules", "submodule.old/place.path"),
        "git mv keeps the name and changes the path");
  }

  private void addSubmodule(String url, String name, String path) {
    List<String> args = new ArrayList<>(List.of("-c", "protocol.file.allow=always", "submodule", "add", "-q"));
    if (name != null) {
      args.addAll(List.of("--name", name));
    }
    args.addAll(List.of(url, path));
    app.git(args.toArray(String[]::new));
  }

  @Test
  void a_new_worktree_has_every_submodule_uninitialised_as_git_says() {
    Path wt = tmp.resolve("wt");
    app.git("worktree", "add", "-q", "-b", "feat", wt.toString());
    List<Git.Submodule> read = sorted(GitModules.uninitialised(wt));
    assertEquals(sorted(gitSays(wt)), read);
    assertEquals(List.of(new Git.Submodule("dotted.name", "dotted"), new Git.Submodule("old/place", "moved/here"),
        new Git.Submodule("top", "top"), new Git.Submodule("vendor/deep/nested", "vendor/deep/nested")), read);
  }

  @Test
  void initialised_ones_are_left_out_as_git_leaves_them_out() {
    Path wt = tmp.resolve("wt");
    app.git("worktree", "add", "-q", "-b", "feat", wt.toString());
    GitRepo.gitIn(wt, "-c", "protocol.file.allow=always", "submodule", "update", "--init", "-q", "--", "moved/here",
        "vendor/deep/nested");
    List<Git.Submodule> read = sorted(GitModules.uninitialised(wt));
    assertEquals(sorted(gitSays(wt)), read);
    assertEquals(List.of(new Git.Submodule("dotted.name", "dotted"), new Git.Submodule("top", "top")), read);
    assertEquals(List.of(wt.resolve("moved/here"), wt.resolve("vendor/deep/nested")),
        GitModules.checkedOut(wt).stream().sorted().toList());

    // in the main worktree, where git submodule add made them all
    assertEquals(sorted(gitSays(app.root())), sorted(GitModules.uninitialised(app.root())));
    assertEquals(List.of(), GitModules.uninitialised(app.root()));
  }

  @Test
  void a_repository_without_gitmodules_has_none() {
    GitRepo plain = GitRepo.create(tmp, "plain");
    assertEquals(List.of(), GitModules.uninitialised(plain.root()));
  }

  /** What {@code git submodule status} marks with {@code -}, named as .gitmodules names them. */
  private static List<Git.Submodule> gitSays(Path worktree) {
    Map<String, String> names = new HashMap<>();
    for (String line : GitRepo.gitIn(worktree, "config", "-f", ".gitmodules", "--get-regexp", "^submodule\\..*\\.path$")
        .lines().toList()) {
      String key = line.substring(0, line.indexOf(' '));
      names.put(line.substring(line.indexOf(' ') + 1), key.substring("submodule.".length(), key.length() - ".path".length()));
    }
    List<Git.Submodule> out = new ArrayList<>();
    for (String line : GitRepo.gitIn(worktree, "submodule", "status").lines().toList()) {
      if (line.startsWith("-")) {
        String path = line.substring(1).split(" ", 3)[1];
        out.add(new Git.Submodule(names.get(path), path));
      }
    }
    return out;
  }

  private static List<Git.Submodule> sorted(List<Git.Submodule> subs) {
    return subs.stream().sorted(Comparator.comparing(Git.Submodule::path)).toList();
  }
}
