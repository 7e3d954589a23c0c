package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wt down} keeps the removed worktree's folder and the next {@code wt up} reuses it: the new
 * worktree is exactly the checkout a fresh {@code git worktree add} makes, with nothing of the old
 * one in it, and a cut-off reuse is finished by running {@code wt up} again.
 */
class SpareFolderTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path spares;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", "node_modules/\n*.log\n").write("src/a.txt", "a\n").write("src/b.txt", "b\n")
        .write("run.sh", "#!/bin/sh\n");
    try {
      Files.setPosixFilePermissions(repo.path("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    repo.commitAll("files");
    spares = dev.wt.core.Trash.of(repo.root().resolve(".git")).spares();
  }

  @Test
  void the_next_up_reuses_the_folder_and_keeps_nothing_of_the_worktree_that_had_it() throws Exception {
    WtRun.in(repo.root(), "up", "feat/old").ok();
    Path old = tmp.resolve("demo-old");
    // everything a worktree's life leaves: edits, new and ignored files, a nested repository, an empty folder
    Files.writeString(old.resolve("src/a.txt"), "edited\n");
    Files.delete(old.resolve("src/b.txt"));
    Files.writeString(old.resolve("notes.txt"), "mine\n");
    Files.createDirectories(old.resolve("node_modules/pkg"));
    Files.writeString(old.resolve("node_modules/pkg/index.js"), "x");
    Files.writeString(old.resolve("src/debug.log"), "log");
    Files.createDirectories(old.resolve("empty/inner"));
    GitRepo.create(old, "nested");
    Files.setPosixFilePermissions(old.resolve("run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
    WtRun.in(repo.root(), "down", "--force", "--purge", "feat/old").ok();
    assertEquals(1, ready().size(), "down keeps the folder as a spare");

    // the new branch starts where main is now: one file changed, one added since
    repo.write("src/a.txt", "a2\n").write("src/c.txt", "c\n").commitAll("newer");
    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/new").ok();
    assertTrue(up.err().contains("reusing the folder of a removed worktree"), up.err());
    Path wt = tmp.resolve("demo-new");
    assertEquals("", notCheckedOut(wt), "the worktree is the branch's checkout, nothing more");
    assertEquals("a2\n", Files.readString(wt.resolve("src/a.txt")));
    assertEquals("b\n", Files.readString(wt.resolve("src/b.txt")));
    assertEquals("c\n", Files.readString(wt.resolve("src/c.txt")));
    assertTrue(Files.isExecutable(wt.resolve("run.sh")), "the mode git tracks is the branch's");
    for (String gone : List.of("notes.txt", "node_modules", "src/debug.log", "empty", "nested")) {
      assertFalse(Files.exists(wt.resolve(gone)), gone + " belonged to the old worktree");
    }
    assertFalse(GitRepo.gitIn(repo.root(), "worktree", "list", "--porcelain").contains("locked"), "unlocked");
    assertFalse(Files.exists(repo.root().resolve(".git/worktrees/demo-new").resolve(dev.wt.port.Git.RECYCLED)));
    assertEquals(List.of(), ready(), "the spare was used up");
    assertEquals("feat/new", GitRepo.gitIn(wt, "branch", "--show-current").strip());
  }

  @Test
  void an_up_cut_off_while_it_moved_the_files_in_is_finished_by_the_next_up() throws Exception {
    WtRun.in(repo.root(), "up", "feat/old").ok();
    Files.writeString(tmp.resolve("demo-old/notes.txt"), "mine\n");
    WtRun.in(repo.root(), "down", "--force", "feat/old").ok();
    Path spare = ready().get(0);
    assertFalse(Files.exists(spare.resolve("tree/notes.txt")), "what git does not track is not kept");
    // (and, as if the spare had held it, a file git does not track)
    Path wt = cutOffReuse(spare);
    Path admin = repo.root().resolve(".git/worktrees/demo-new");
    Files.writeString(wt.resolve("notes.txt"), "left\n");

    WtRun.in(repo.root(), "up", "feat/new").ok();
    // after a crash an untracked file may be the user's (made in the half-made worktree): it stays
    assertEquals("?? notes.txt\n", notCheckedOut(wt));
    assertTrue(Files.isRegularFile(wt.resolve("README.md")) && Files.isRegularFile(wt.resolve("run.sh")),
        "the files that were not moved in are written");
    assertFalse(Files.exists(admin.resolve(dev.wt.port.Git.RECYCLED)));
    WtRun.in(repo.root(), "down", "feat/new").expect(1); // and down keeps it unless forced
  }

  @Test
  void no_spare_with_WT_RECYCLE_0_or_when_a_post_checkout_hook_must_run() throws Exception {
    WtRun.in(repo.root(), Map.of("WT_RECYCLE", "0"), "up", "feat/a").ok();
    WtRun.in(repo.root(), Map.of("WT_RECYCLE", "0"), "down", "feat/a").ok();
    assertEquals(List.of(), ready());

    WtRun.in(repo.root(), "up", "feat/b").ok();
    WtRun.in(repo.root(), "down", "feat/b").ok();
    assertEquals(1, ready().size());
    Path hook = repo.root().resolve(".git/hooks/post-checkout");
    Files.writeString(hook, "#!/bin/sh\necho ran > hook-ran\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    WtRun.in(repo.root(), "up", "feat/c").ok();
    assertTrue(Files.exists(tmp.resolve("demo-c/hook-ran")), "git's checkout ran the hook");
    assertEquals(1, ready().size(), "the spare waits for an up without the hook");
  }

  @Test
  void downs_at_once_leave_at_most_two_spares_the_newest() throws Exception {
    List<String> branches = List.of("feat/p1", "feat/p2", "feat/p3", "feat/p4", "feat/p5");
    for (String b : branches) {
      WtRun.in(repo.root(), "up", b).ok();
    }
    List<WtRun.Started> downs = new java.util.ArrayList<>();
    for (String b : branches.subList(0, 4)) {
      downs.add(WtRun.start(repo.root(), Map.of(), "down", b));
    }
    for (WtRun.Started d : downs) {
      d.finish().ok();
    }
    assertEquals(2, ready().size(), "each down trims the spares to two: " + ready());

    List<Path> before = ready().stream().sorted().toList();
    WtRun.in(repo.root(), "down", "feat/p5").ok();
    List<Path> after = ready();
    assertEquals(2, after.size(), after.toString());
    assertTrue(after.stream().anyMatch(p -> p.getFileName().toString().startsWith("p5_")), "the newest stays");
    assertEquals(1, before.stream().filter(after::contains).count(), "of the two before, the older went: " + after);
    // by stamp, then by name: two downs in one millisecond are told apart as wt does
    Path older = before.stream().min(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()
        .substring(p.getFileName().toString().indexOf('-'))).thenComparing(p -> p.getFileName().toString()))
        .orElseThrow();
    assertFalse(after.contains(older), "the oldest goes first");
  }

  @Test
  void a_worktree_with_submodules_is_not_kept() throws Exception {
    GitRepo sub = GitRepo.create(tmp.resolve("subs"), "lib");
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.root().toString(), "lib");
    repo.git("commit", "-qm", "sub");
    WtRun.in(repo.root(), "up", "feat/s").ok();
    GitRepo.gitIn(tmp.resolve("demo-s"), "-c", "protocol.file.allow=always", "submodule", "update", "--init", "-q");
    WtRun.in(repo.root(), "down", "feat/s").ok();
    assertEquals(List.of(), ready());
  }

  /**
   * What an up killed while it reused {@code spare} for feat/new leaves: git's empty, locked
   * worktree, the mark, the index and half the files (src moved in, the rest not).
   */
  private Path cutOffReuse(Path spare) throws Exception {
    Path wt = tmp.resolve("demo-new");
    repo.git("worktree", "add", "-q", "--no-checkout", "--lock", "--reason", "initializing", "-b", "feat/new",
        wt.toString(), "main");
    Path admin = repo.root().resolve(".git/worktrees/demo-new");
    Files.writeString(admin.resolve(dev.wt.port.Git.RECYCLED), spare + "\n");
    Files.move(spare.resolve("index"), admin.resolve("index"));
    Files.move(spare.resolve("tree/src"), wt.resolve("src"));
    return wt;
  }

  /** What git status shows besides the env file wt writes into every worktree. */
  static String notCheckedOut(Path wt) {
    return GitRepo.gitIn(wt, "status", "--porcelain", "--ignored", "--untracked-files=all").lines()
        .filter(l -> !l.equals("!! .env.development.local")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void an_edit_that_kept_size_and_time_is_undone_even_when_git_is_told_not_to_trust_the_change_time()
      throws Exception {
    repo.git("config", "core.trustctime", "false");
    WtRun.in(repo.root(), "up", "feat/t").ok();
    Path a = tmp.resolve("demo-t/src/a.txt");
    // an hour old and in the index as such (a file as new as the index git reads again, to be sure)
    java.nio.file.attribute.FileTime was = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    Files.setLastModifiedTime(a, was);
    GitRepo.gitIn(tmp.resolve("demo-t"), "update-index", "--refresh");
    Thread.sleep(1100); // the change time git compares counts whole seconds where git is built without USE_NSEC
    Files.writeString(a, "X\n"); // "a\n" before: the same size
    Files.setLastModifiedTime(a, was);
    assertEquals("", GitRepo.gitIn(tmp.resolve("demo-t"), "status", "--porcelain"), "git sees no change");
    WtRun.in(repo.root(), "down", "feat/t").ok();
    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "feat/t2").ok();
    assertTrue(up.err().contains("reusing the folder"), up.err());
    assertEquals("a\n", Files.readString(tmp.resolve("demo-t2/src/a.txt")));
  }

  @Test
  void no_reuse_for_a_branch_with_other_attributes_nor_of_a_worktree_with_a_gitlink() throws Exception {
    WtRun.in(repo.root(), "up", "feat/p").ok();
    WtRun.in(repo.root(), "down", "feat/p").ok();
    repo.git("checkout", "-q", "-b", "crlf");
    repo.write(".gitattributes", "*.txt text eol=crlf\n").commitAll("crlf");
    repo.git("checkout", "-q", "main");
    WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", "crlf").ok();
    assertFalse(up.err().contains("reusing the folder"), up.err());
    assertEquals("a\r\n", Files.readString(tmp.resolve("demo-crlf/src/a.txt")));
    assertEquals(1, ready().size(), "the spare waits for another up");

    repo.git("update-index", "--add", "--cacheinfo", "160000," + repo.commit("main") + ",vendor/lib");
    repo.git("commit", "-qm", "a gitlink without .gitmodules");
    WtRun.in(repo.root(), "up", "feat/g").ok(); // takes the spare
    Files.writeString(tmp.resolve("demo-g/vendor/lib/junk.txt"), "git never looks in here\n");
    WtRun.in(repo.root(), "down", "feat/g").ok();
    assertEquals(List.of(), ready(), "a gitlink's folder is never cleaned by git");
  }

  @Test
  void a_worktree_with_a_file_git_does_not_compare_is_not_kept() throws Exception {
    WtRun.in(repo.root(), "up", "feat/u").ok();
    Path wt = tmp.resolve("demo-u");
    GitRepo.gitIn(wt, "update-index", "--assume-unchanged", "src/a.txt");
    Files.writeString(wt.resolve("src/a.txt"), "the old worktree's edit, which git status does not show\n");
    WtRun.in(repo.root(), "down", "feat/u").ok();
    assertEquals(List.of(), ready(), "a checkout over it would leave that edit in place");
  }

  @Test
  void a_down_of_an_up_cut_off_mid_reuse_keeps_what_the_user_made_there() throws Exception {
    WtRun.in(repo.root(), "up", "feat/old").ok();
    WtRun.in(repo.root(), "down", "feat/old").ok();
    Path wt = cutOffReuse(ready().get(0));
    Files.writeString(wt.resolve("src/debug.log"), "the user's, made after the crash\n");
    Files.writeString(wt.resolve("notes.txt"), "mine\n");

    WtRun.in(repo.root(), "down", "feat/new").expect(1);
    assertEquals("mine\n", Files.readString(wt.resolve("notes.txt")));
    assertEquals("the user's, made after the crash\n", Files.readString(wt.resolve("src/debug.log")));
  }

  @Test
  void a_spare_holding_what_git_leaves_alone_is_not_reused() throws Exception {
    // a repository inside a tracked folder (git never lists .git), a FIFO, a file with a second name
    for (String how : List.of("nested", "fifo", "hardlink", "planted")) {
      String b = "feat/" + how;
      WtRun.in(repo.root(), "up", b).ok();
      Path wt = tmp.resolve("demo-" + how);
      switch (how) {
        case "nested" -> GitRepo.gitIn(wt.resolve("src"), "init", "-q");
        case "fifo" -> new ProcessBuilder("mkfifo", wt.resolve("src/fifo").toString()).start().waitFor();
        case "hardlink" -> Files.createLink(tmp.resolve("outside-" + how), wt.resolve("src/a.txt"));
        default -> { }
      }
      WtRun.in(repo.root(), "down", b).ok();
      assertEquals(1, ready().size(), how);
      if (how.equals("planted")) { // planted: the tree a link to a folder outside
        Path tree = ready().get(0).resolve("tree");
        Files.move(tree, tmp.resolve("victim"));
        Files.createSymbolicLink(tree, tmp.resolve("victim"));
      }
      WtRun up = WtRun.in(repo.root(), Map.of(), "-v", "up", b + "2").ok();
      assertFalse(up.err().contains("reusing the folder"), how + ": " + up.err());
      Path again = tmp.resolve("demo-" + how + "2");
      assertEquals("", notCheckedOut(again), how);
      assertFalse(Files.exists(again.resolve("src/.git")) || Files.exists(again.resolve("src/fifo")), how);
      WtRun.in(repo.root(), "down", b + "2").ok();
      assertTrue(Files.isDirectory(tmp.resolve("victim")) || !how.equals("planted"), "the link's target stays");
      for (Path p : ready()) {
        dev.wt.port.FileTrees.delete(p);
      }
    }
  }

  private List<Path> ready() throws Exception {
    return ready(spares);
  }

  /** The spares waiting in the folder {@code spares}. */
  static List<Path> ready(Path spares) throws Exception {
    if (!Files.isDirectory(spares)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(spares)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
