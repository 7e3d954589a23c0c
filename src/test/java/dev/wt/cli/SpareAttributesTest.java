package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spare folder serves only a checkout with the attributes its files were written with (every
 * {@code .gitattributes} and {@code info/attributes}): then the files git does not rewrite already
 * have the line endings and filter output the branch gives them.
 */
class SpareAttributesTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    repo.write("src/a.txt", "a\n").write("src/b.txt", "b\n").commitAll("files");
  }

  @Test
  void a_spare_is_reused_for_the_same_attributes_and_its_line_endings_are_the_branchs() throws Exception {
    repo.write(".gitattributes", "*.txt text eol=crlf\n").write("docs/.gitattributes", "*.md -text\n")
        .write("docs/guide.md", "guide\n").commitAll("attributes");
    WtRun.in(repo.root(), "up", "feat/old").ok();
    assertEquals("b\r\n", Files.readString(tmp.resolve("demo-old/src/b.txt")), "checked out with CRLF");
    WtRun.in(repo.root(), "down", "feat/old").ok();
    assertEquals(1, ready().size());

    repo.write("src/a.txt", "a2\n").write("src/c.txt", "c\n").commitAll("newer, same attributes");
    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/new").ok();
    assertTrue(up.err().contains("reusing the folder of a removed worktree"), up.err());
    Path wt = tmp.resolve("demo-new");
    assertEquals("", SpareFolderTest.notCheckedOut(wt));
    assertEquals("a2\r\n", Files.readString(wt.resolve("src/a.txt")), "rewritten: it differs");
    assertEquals("b\r\n", Files.readString(wt.resolve("src/b.txt")), "kept: written with these attributes");
    assertEquals("c\r\n", Files.readString(wt.resolve("src/c.txt")));
    assertEquals("guide\n", Files.readString(wt.resolve("docs/guide.md")));
  }

  @Test
  void a_spare_written_with_other_attributes_is_not_reused() throws Exception {
    repo.write(".gitattributes", "*.txt text eol=crlf\n").commitAll("crlf");
    WtRun.in(repo.root(), "up", "feat/old").ok();
    WtRun.in(repo.root(), "down", "feat/old").ok();
    repo.git("checkout", "-q", "-b", "lf");
    repo.write(".gitattributes", "*.txt text eol=lf\n").commitAll("lf");
    repo.git("checkout", "-q", "main");

    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "lf").ok();
    assertFalse(up.err().contains("reusing the folder"), up.err());
    assertEquals("a\n", Files.readString(tmp.resolve("demo-lf/src/a.txt")));
    assertEquals(1, ready().size(), "the spare waits for an up of the same attributes");

    // the same .gitattributes, but info/attributes now says more
    Files.createDirectories(repo.root().resolve(".git/info"));
    Files.writeString(repo.root().resolve(".git/info/attributes"), "*.txt -text\n");
    up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/info").ok();
    assertFalse(up.err().contains("reusing the folder"), up.err());
    assertEquals("a\n", Files.readString(tmp.resolve("demo-info/src/a.txt")));
  }

  @Test
  void no_spare_of_a_worktree_whose_attributes_changed_while_it_lived() throws Exception {
    WtRun.in(repo.root(), "up", "feat/old").ok();
    Path old = tmp.resolve("demo-old");
    // a commit that brings attributes and leaves the files: git does not write them again
    repo.git("checkout", "-q", "-b", "crlf");
    repo.write(".gitattributes", "*.txt text eol=crlf\n").commitAll("crlf");
    repo.git("checkout", "-q", "main");
    GitRepo.gitIn(old, "merge", "-q", "--ff-only", "crlf");
    assertEquals("a\n", Files.readString(old.resolve("src/a.txt")), "left with the old line endings");
    WtRun.in(repo.root(), "down", "feat/old").ok();

    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "crlf").ok();
    assertEquals("a\r\n", Files.readString(tmp.resolve("demo-crlf/src/a.txt")), up.err());
    assertEquals(List.of(), ready(), "not kept: its files are not all in the form its attributes give");
  }

  @Test
  void no_spare_when_info_attributes_may_have_changed_while_the_worktree_lived() throws Exception {
    WtRun.in(repo.root(), "up", "feat/old").ok();
    assertEquals("a\n", Files.readString(tmp.resolve("demo-old/src/a.txt")));
    Files.createDirectories(repo.root().resolve(".git/info"));
    Files.writeString(repo.root().resolve(".git/info/attributes"), "*.txt text eol=crlf\n");
    WtRun.in(repo.root(), "down", "feat/old").ok();
    assertEquals(List.of(), ready(), "its files were written before info/attributes said CRLF");

    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/new").ok();
    assertFalse(up.err().contains("reusing the folder"), up.err());
    assertEquals("a\r\n", Files.readString(tmp.resolve("demo-new/src/a.txt")), "a fresh checkout's form");
  }

  @Test
  void no_spare_of_a_forced_down_that_discards_a_changed_gitattributes() throws Exception {
    repo.write(".gitattributes", "*.txt text eol=crlf\n").commitAll("crlf");
    repo.git("branch", "lf");
    repo.git("checkout", "-q", "lf");
    repo.write(".gitattributes", "*.txt text eol=lf\n").commitAll("lf");
    repo.git("checkout", "-q", "main");
    WtRun.in(repo.root(), "up", "feat/one").ok();
    Path one = tmp.resolve("demo-one");
    assertEquals("a\r\n", Files.readString(one.resolve("src/a.txt")));
    // staged, never committed: the index would name the lf blob, the files are CRLF
    Files.writeString(one.resolve(".gitattributes"), "*.txt text eol=lf\n");
    GitRepo.gitIn(one, "add", ".gitattributes");
    WtRun.in(repo.root(), "down", "--force", "feat/one").ok();
    assertEquals(List.of(), ready(), "not kept: the attributes it would record are not its files'");

    WtRun.in(repo.root(), "up", "lf").ok();
    assertEquals("a\n", Files.readString(tmp.resolve("demo-lf/src/a.txt")), "the branch's form");
  }

  @Test
  void a_file_written_through_a_filter_that_is_gone_is_checked_by_its_content() throws Exception {
    repo.write("src/deep/b.txt", "b\n").commitAll("deep");
    WtRun.in(repo.root(), "up", "feat/b").ok();
    Path b = tmp.resolve("demo-b");
    // attributes that never reach a commit: the file is written through a smudge filter, and git's
    // stat data then says it is clean; the attributes go, the file stays
    Files.writeString(b.resolve(".gitattributes"), "*.txt filter=x\n");
    Files.delete(b.resolve("src/deep/b.txt"));
    GitRepo.gitIn(b, "-c", "filter.x.smudge=echo SECRET=hunter2", "-c", "filter.x.clean=echo b", "checkout",
        "--", "src/deep/b.txt");
    assertEquals("SECRET=hunter2\n", Files.readString(b.resolve("src/deep/b.txt")));
    Thread.sleep(1100); // past the racy second, so git trusts the stat data it records
    GitRepo.gitIn(b, "-c", "filter.x.clean=echo b", "update-index", "-q", "--refresh");
    Files.delete(b.resolve(".gitattributes"));
    assertEquals("", SpareFolderTest.notCheckedOut(b), "git sees a clean worktree");
    WtRun.in(repo.root(), "down", "feat/b").ok();
    assertEquals(1, ready().size());

    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "fix/c").ok();
    assertTrue(up.err().contains("reusing the folder of a removed worktree"), up.err());
    assertEquals("b\n", Files.readString(tmp.resolve("demo-c/src/deep/b.txt")), "the branch's content, not the old filter's");
  }

  @Test
  void a_reuse_that_cannot_finish_says_what_helps() throws Exception {
    // a smudge filter that fails while the flag file is there: git cannot write a file through it
    Path flag = tmp.resolve("flag");
    repo.git("config", "filter.boom.smudge", "sh -c 'test -e " + flag + " && exit 1; cat'");
    repo.git("config", "filter.boom.clean", "cat");
    repo.git("config", "filter.boom.required", "true");
    repo.write(".gitattributes", "*.txt filter=boom\n").commitAll("filtered");
    WtRun.in(repo.root(), "up", "feat/old").ok();
    WtRun.in(repo.root(), "down", "feat/old").ok();
    repo.write("src/a.txt", "a2\n").commitAll("newer");

    Files.writeString(flag, "");
    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/new");
    assertTrue(up.err().contains("reusing the folder"), up.err());
    assertEquals(3, up.exitCode(), up.err());
    assertFalse(up.err().contains("WT_RECYCLE=0 makes it write every file"), "not what helps: " + up.err());
    assertTrue(up.err().contains("run wt up again: it finishes the checkout") && up.err().contains(
        "git worktree remove --force --force " + tmp.resolve("demo-new") + " first, then WT_RECYCLE=0 wt up feat/new"),
        up.err());

    Files.delete(flag);
    WtRun.in(repo.root(), "up", "feat/new").ok();
    Path wt = tmp.resolve("demo-new");
    assertEquals("a2\n", Files.readString(wt.resolve("src/a.txt")));
    assertEquals("", SpareFolderTest.notCheckedOut(wt));
  }

  private List<Path> ready() throws Exception {
    return SpareFolderTest.ready(dev.wt.core.Trash.of(repo.root().resolve(".git")).spares());
  }
}
