package dev.wt.app.worktree;

import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wt down --push}: pushes the branches a worktree holds (its own, and those checked out in
 * its submodules) that have commits their remote lacks, before anything of the worktree goes.
 */
final class BranchPusher {

  private final Git git;

  BranchPusher(Git git) {
    this.git = git;
  }

  /** One branch to push: the repository it lives in and how to name it. */
  private record Candidate(Path dir, String branch, String label) {}

  /**
   * Pushes what needs pushing and says what it did; throws, having removed nothing, when a push
   * fails or a branch with unpushed commits has no remote to go to.
   *
   * @param main the main worktree (the worktree's branch is pushed from there: branches are shared)
   * @param worktree the worktree's folder, null when it is gone (then its submodules are gone too)
   */
  void push(Path main, String branch, Path worktree, Reporter reporter) {
    List<Candidate> candidates = new ArrayList<>();
    if (branch != null) {
      candidates.add(new Candidate(main, branch, branch));
    }
    if (worktree != null) {
      for (Path sub : git.submoduleWorktrees(worktree)) {
        String name = worktree.relativize(sub).toString();
        git.currentBranch(sub).ifPresent(b -> candidates.add(new Candidate(sub, b, name + "@" + b)));
      }
    }
    List<String> failed = new ArrayList<>();
    List<String> pushed = new ArrayList<>();
    for (Candidate c : candidates) {
      Optional<String> remote = remoteOf(c.dir(), c.branch());
      if (remote.isEmpty()) {
        if (unpushed(c.dir(), c.branch(), null) > 0) {
          // branch.<b>.remote = "." (git branch --track x main): its upstream is a branch of this
          // repository, no place to push to, so it is never pushed there
          failed.add(c.label() + ": " + localUpstream(c.dir(), c.branch())
              .map(u -> "it tracks the local branch " + u + " (branch." + c.branch() + ".remote is .), which is not a "
                  + "remote, and there is no origin to push it to (git push <remote> " + c.branch()
                  + " by hand, or git remote add origin <url>)")
              .orElse("no remote to push to (git remote add origin <url>)"));
        }
        continue;
      }
      int ahead = unpushed(c.dir(), c.branch(), remote.get());
      if (ahead == 0) {
        reporter.unchanged("branch " + c.label() + " has nothing " + remote.get() + " lacks");
        continue;
      }
      Git.Pushed p = git.push(c.dir(), remote.get(), c.branch());
      if (p.ok()) {
        pushed.add(c.label());
        reporter.done("pushed " + c.label() + " to " + remote.get() + " (" + ahead + (ahead == 1 ? " commit" : " commits")
            + localUpstream(c.dir(), c.branch()).map(u -> "; its upstream is the local branch " + u + ", not a remote")
                .orElse("") + ")");
      } else {
        failed.add(c.label() + " to " + remote.get() + ": " + p.detail());
      }
    }
    if (!failed.isEmpty()) {
      throw WtException.refused("could not push " + String.join("; ", failed) + "; nothing was removed",
          (pushed.isEmpty() ? "" : "pushed " + String.join(", ", pushed) + " already; ")
              + "fix the push (or push by hand), then run wt down --push again, or wt down without --push");
    }
  }

  /**
   * Where {@code branch} is pushed, as git itself would choose: {@code branch.<b>.pushRemote},
   * {@code remote.pushDefault}, {@code branch.<b>.remote}, then {@code origin} when it exists.
   */
  private Optional<String> remoteOf(Path dir, String branch) {
    for (String key : List.of("branch." + branch + ".pushRemote", "remote.pushDefault", "branch." + branch + ".remote")) {
      Optional<String> r = git.config(dir, key).filter(v -> !v.isBlank() && !v.equals("."));
      if (r.isPresent()) {
        return r;
      }
    }
    return git.config(dir, "remote.origin.url").map(u -> "origin");
  }

  /**
   * The local branch {@code branch} tracks when its upstream is in this repository
   * ({@code branch.<b>.remote} is {@code .}, which {@link #remoteOf} passes over) and no push remote
   * is set for it: {@code main} for {@code branch.<b>.merge = refs/heads/main}.
   */
  private Optional<String> localUpstream(Path dir, String branch) {
    boolean local = git.config(dir, "branch." + branch + ".remote").filter("."::equals).isPresent();
    boolean pushRemote = List.of("branch." + branch + ".pushRemote", "remote.pushDefault").stream()
        .anyMatch(k -> git.config(dir, k).filter(v -> !v.isBlank() && !v.equals(".")).isPresent());
    if (!local || pushRemote) {
      return Optional.empty();
    }
    return Optional.of(git.config(dir, "branch." + branch + ".merge").map(m -> m.replaceFirst("^refs/heads/", ""))
        .orElse("(none named)"));
  }

  /** Commits of {@code branch} that no remote-tracking ref of {@code remote} (of any remote when null) holds. */
  private int unpushed(Path dir, String branch, String remote) {
    String prefix = remote == null ? "refs/remotes/" : "refs/remotes/" + remote + "/";
    List<String> hidden = git.refs(dir).stream().filter(r -> r.name().startsWith(prefix)).map(Git.Ref::sha).toList();
    return git.commitsNotIn(dir, List.of("refs/heads/" + branch), hidden).size();
  }
}
