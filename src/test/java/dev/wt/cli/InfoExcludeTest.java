package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.core.ExcludeLines;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wt's lines in .git/info/exclude: each once, and gone with the last worktree that needs them. */
class InfoExcludeTest {

  @TempDir Path tmp;

  @Test
  void lines_are_added_once_and_removed_with_the_last_worktree_keeping_the_users_own() throws Exception {
    GitRepo repo = shop();
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
  void a_users_line_after_wts_block_survives_every_down_while_a_worktree_still_needing_wts_lines_keeps_them()
      throws Exception {
    GitRepo repo = shop();
    Path exclude = repo.path(".git/info/exclude");
    WtRun.in(repo.root(), "up", "feat/a").ok();
    WtRun.in(repo.root(), "up", "feat/b").ok();
    Files.writeString(exclude, "/prod-credentials.json\n", StandardOpenOption.APPEND);
    repo.write("prod-credentials.json", "{}");
    String both = Files.readString(exclude);

    WtRun.in(repo.root(), "down", "feat/a").ok();
    assertEquals(both, Files.readString(exclude), "feat/b still generates wt's files; the last line is the user's");
    assertEquals("", repo.git("status", "--short"));
    WtRun.in(repo.root(), "down", "feat/b").ok();
    assertEquals(List.of("/prod-credentials.json"), paths(exclude));
    assertEquals("", repo.git("status", "--short"));
  }

  @Test
  void a_users_line_between_wts_lines_stays_when_wts_go() throws Exception {
    GitRepo repo = shop();
    Path exclude = repo.path(".git/info/exclude");
    WtRun.in(repo.root(), "up", "feat/a").ok();
    String text = Files.readString(exclude);
    Files.writeString(exclude, text.replace("/.env.development.local\n", "/.env.development.local\n/secrets.json\n"));

    WtRun.in(repo.root(), "down", "feat/a").ok();
    assertEquals(List.of("/secrets.json"), paths(exclude));
  }

  @Test
  void a_file_written_by_an_older_wt_loses_only_wts_lines_not_the_users_after_them() throws Exception {
    GitRepo repo = shop();
    Path exclude = repo.path(".git/info/exclude");
    // older builds wrote the header alone: their block ran to the first line not a path
    String old = "# my own\n*.swp\n" + ExcludeLines.HEADER + "\n/.env.development.local\n/agent-browser.json\n";
    Files.writeString(exclude, old + "/prod-credentials.json\n");
    WtRun.in(repo.root(), "up", "feat/a").ok();
    assertEquals(old + "/prod-credentials.json\n", Files.readString(exclude), "every line was there already");

    WtRun.in(repo.root(), "down", "feat/a").ok();
    assertEquals("# my own\n*.swp\n" + ExcludeLines.HEADER + "\n/prod-credentials.json\n", Files.readString(exclude));
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

  private GitRepo shop() {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write(".gitignore", "").write("wt.toml", "[browser_session]\nfile = \"agent-browser.json\"\n").commitAll("cfg");
    return repo;
  }

  private static List<String> paths(Path exclude) throws Exception {
    return Files.readString(exclude).lines().filter(l -> l.startsWith("/")).toList();
  }
}
