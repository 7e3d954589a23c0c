package dev.wt.cli;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;

/** A repository whose worktrees {@code wt down} takes away: made by {@code wt up}, committed in, given a submodule. */
record DownFixture(Path tmp, GitRepo repo) {

  /** {@code wt up branch}; the worktree's folder, {@code folder} beside the repository. */
  Path up(String branch, String folder) throws Exception {
    WtRun.in(repo.root(), "up", branch).ok();
    return tmp.resolve(folder).toRealPath();
  }

  /** A worktree of {@code feat/sub} with the submodule {@code lib} checked out and ready to commit in. */
  Path worktreeWithSubmodule() throws Exception {
    GitRepo lib = GitRepo.create(tmp, "lib");
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.root().toString(), "lib");
    repo.commitAll("add lib");
    Path wt = up("feat/sub", "demo-sub");
    GitRepo.gitIn(wt, "-c", "protocol.file.allow=always", "submodule", "update", "--init", "-q");
    GitRepo.gitIn(wt.resolve("lib"), "config", "user.email", "dev@example.com");
    GitRepo.gitIn(wt.resolve("lib"), "config", "user.name", "Dev");
    return wt;
  }

  static String slug(String branch) {
    return dev.wt.core.WorktreeIdentity.derive(branch).slug();
  }

  /** Commits {@code file} (or everything staged and changed when null) in {@code dir}; returns the commit. */
  static String commit(Path dir, String file, String message) throws Exception {
    if (file != null) {
      Files.writeString(dir.resolve(file), message + "\n");
    }
    GitRepo.gitIn(dir, "add", "-A");
    GitRepo.gitIn(dir, "commit", "-q", "-m", message);
    return GitRepo.gitIn(dir, "rev-parse", "HEAD").strip();
  }
}
