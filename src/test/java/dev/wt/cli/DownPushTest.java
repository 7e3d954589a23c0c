package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt down --push} pushes to real bare repositories, and a rejected push removes nothing. */
class DownPushTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path origin;

  @BeforeEach
  void repositoryWithRemote() {
    repo = GitRepo.create(tmp, "demo");
    origin = GitRepo.bareOrigin(tmp, "demo.git", repo);
    repo.git("remote", "add", "origin", "file://" + origin);
    repo.git("fetch", "-q", "origin");
  }

  @Test
  void the_worktrees_branch_is_pushed_then_the_worktree_removed() throws Exception {
    Path wt = up("feat/push", "demo-push");
    String sha = commit(wt, "work.txt", "work to keep");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "feat/push").ok();

    assertTrue(r.err().contains("pushed feat/push to origin (1 commit)"), r.err());
    assertEquals(sha, GitRepo.gitIn(origin, "rev-parse", "refs/heads/feat/push").strip());
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_branch_without_commits_of_its_own_is_not_pushed() throws Exception {
    Path wt = up("feat/empty", "demo-empty");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "feat/empty").ok();

    assertTrue(r.err().contains("branch feat/empty has nothing origin lacks"), r.err());
    assertTrue(GitRepo.gitIn(origin, "for-each-ref", "refs/heads/feat/empty").isBlank());
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_rejected_push_keeps_the_worktree_and_its_branch_and_says_why() throws Exception {
    Path hook = origin.resolve("hooks/pre-receive");
    Files.writeString(hook, "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path wt = up("feat/closed", "demo-closed");
    String sha = commit(wt, "work.txt", "work the remote refuses");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "--force", "feat/closed").expect(1);

    assertRefusal(r, "could not push feat/closed to origin: [remote rejected] (pre-receive hook declined) (the remote said: pushes are closed today); "
        + "nothing was removed", "run wt down --push again");
    assertTrue(Files.isDirectory(wt), "the worktree stays");
    assertEquals(sha, repo.commit("refs/heads/feat/closed"), "the branch stays");
    assertTrue(GitRepo.gitIn(origin, "for-each-ref", "refs/heads/feat/closed").isBlank());
  }

  @Test
  void a_branch_checked_out_in_a_submodule_is_pushed_to_the_submodules_remote() throws Exception {
    GitRepo lib = GitRepo.create(tmp, "lib");
    Path libOrigin = GitRepo.bareOrigin(tmp, "lib.git", lib);
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://" + libOrigin, "lib");
    repo.commitAll("add lib");
    repo.git("push", "-q", "origin", "main");
    Path wt = up("feat/sub", "demo-sub");
    GitRepo.gitIn(wt, "-c", "protocol.file.allow=always", "submodule", "update", "--init", "-q");
    Path sub = wt.resolve("lib");
    GitRepo.gitIn(sub, "config", "user.email", "dev@example.com");
    GitRepo.gitIn(sub, "config", "user.name", "Dev");
    GitRepo.gitIn(sub, "switch", "-q", "-c", "feat/lib-fix");
    String libSha = commit(sub, "fix.txt", "fix inside the submodule");
    String sha = commit(wt, null, "point lib at the fix");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "feat/sub").ok();

    assertTrue(r.err().contains("pushed lib@feat/lib-fix to origin (1 commit)"), r.err());
    assertEquals(libSha, GitRepo.gitIn(libOrigin, "rev-parse", "refs/heads/feat/lib-fix").strip());
    assertEquals(sha, GitRepo.gitIn(origin, "rev-parse", "refs/heads/feat/sub").strip());
    assertFalse(Files.exists(wt), "pushed, the submodule's commit is no longer only here\n" + r.err());
  }

  @Test
  void a_branch_tracking_a_local_branch_goes_to_origin_and_the_local_branch_is_untouched() throws Exception {
    Path wt = up("feat/local", "demo-local");
    GitRepo.gitIn(wt, "branch", "--set-upstream-to=main");
    assertEquals(".", repo.git("config", "branch.feat/local.remote").strip(), "it tracks main, a local branch");
    String main = repo.commit("refs/heads/main");
    String sha = commit(wt, "work.txt", "work on a branch that tracks main");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "feat/local").ok();

    assertTrue(r.err().contains("pushed feat/local to origin (1 commit; its upstream is the local branch main, not a remote)"),
        r.err());
    assertEquals(sha, GitRepo.gitIn(origin, "rev-parse", "refs/heads/feat/local").strip());
    assertEquals(main, repo.commit("refs/heads/main"), "nothing was pushed into the local branch it tracks");
    assertFalse(Files.exists(wt));
  }

  @Test
  void a_branch_tracking_a_local_branch_with_no_remote_at_all_is_refused_and_kept_whole() throws Exception {
    repo.git("remote", "remove", "origin");
    Path wt = up("feat/nowhere", "demo-nowhere");
    GitRepo.gitIn(wt, "branch", "--set-upstream-to=main");
    String main = repo.commit("refs/heads/main");
    String sha = commit(wt, "work.txt", "work with nowhere to go");

    WtRun r = WtRun.in(repo.root(), "down", "--push", "feat/nowhere").expect(1);

    assertRefusal(r, "could not push feat/nowhere: it tracks the local branch main (branch.feat/nowhere.remote is .), "
        + "which is not a remote, and there is no origin to push it to", "wt down without --push");
    assertTrue(Files.isDirectory(wt), "the worktree stays");
    assertEquals(sha, repo.commit("refs/heads/feat/nowhere"), "the branch stays");
    assertEquals(main, repo.commit("refs/heads/main"), "nothing was pushed into the local branch it tracks");
  }

  private Path up(String branch, String folder) throws Exception {
    WtRun.in(repo.root(), "up", branch).ok();
    return tmp.resolve(folder).toRealPath();
  }

  /** Commits {@code file} (or everything changed when null) in {@code dir}; returns the commit. */
  private static String commit(Path dir, String file, String message) throws Exception {
    if (file != null) {
      Files.writeString(dir.resolve(file), message + "\n");
    }
    GitRepo.gitIn(dir, "add", "-A");
    GitRepo.gitIn(dir, "commit", "-q", "-m", message);
    return GitRepo.gitIn(dir, "rev-parse", "HEAD").strip();
  }
}
