package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wt's lines in .git/info/exclude: each once, and gone with the last worktree that needs them. */
class InfoExcludeTest {

  @TempDir Path tmp;

  @Test
  void lines_are_added_once_and_removed_with_the_last_worktree_keeping_the_users_own() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write(".gitignore", "").write("wt.toml", "[browser_session]\nfile = \"agent-browser.json\"\n").commitAll("cfg");
    Path exclude = repo.path(".git/info/exclude");
    Files.writeString(exclude, "# my own\n*.swp\n");
    WtRun.in(repo.root(), "up", "feat/a").ok();
    WtRun.in(repo.root(), "up", "feat/b").ok();
    WtRun.in(tmp.resolve("shop-a"), "setup").ok();
    String both = Files.readString(exclude);
    assertEquals(1, both.lines().filter("/.env.development.local"::equals).count(), both);
    assertEquals(1, both.lines().filter("/agent-browser.json"::equals).count(), both);
    assertEquals(1, both.lines().filter(l -> l.startsWith("# added by wt")).count(), both);

    WtRun.in(repo.root(), "down", "feat/a").ok();
    assertEquals(both, Files.readString(exclude), "feat/b still generates both files");
    WtRun.in(repo.root(), "down", "feat/b").ok();
    assertEquals("# my own\n*.swp\n", Files.readString(exclude));
  }

  @Test
  void a_file_the_repositorys_gitignore_already_ignores_gets_no_line() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write(".gitignore", ".env.development.local\n")
        .write("wt.toml", "[browser_session]\nfile = \"agent-browser.json\"\n").commitAll("cfg");
    WtRun.in(repo.root(), "up", "feat/a").ok();

    String exclude = Files.readString(repo.path(".git/info/exclude"));
    assertEquals(List.of("/agent-browser.json"), exclude.lines().filter(l -> l.startsWith("/")).toList(), exclude);
  }
}
