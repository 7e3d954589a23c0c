package dev.wt.app.worktree;

import dev.wt.port.Git;
import dev.wt.port.GitFiles;
import dev.wt.port.LocalFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Commits that only a worktree holds, which {@code git worktree remove} would lose: those of its
 * HEAD (a detached HEAD, or a branch about to be deleted) that no ref or other worktree reaches,
 * and those of its submodules, whose repositories live in the worktree's git dir and go with it.
 * Saved, when forced, under {@code refs/wt/saved/<slug>/} in a repository that stays.
 */
final class UnsavedCommits {

  static final String SAVED = "refs/wt/saved/";

  private final Git git;
  private final LocalFiles disk;

  UnsavedCommits(Git git, LocalFiles disk) {
    this.git = git;
    this.disk = disk;
  }

  /**
   * Commits reachable from one tip that nothing else keeps.
   *
   * @param submodule the submodule's name, null for the worktree itself
   * @param gitDir the repository the commits are in
   * @param tip what reaches them: a commit id (the worktree's HEAD) or a ref of the submodule
   * @param commits newest first, without those an earlier tip already listed
   */
  record Lost(String submodule, Path gitDir, String tip, List<Git.Commit> commits) {}

  /**
   * Finds what would be lost.
   *
   * @param gitDir the worktree's git dir, null when it cannot be read (then submodules are not seen)
   * @param branchGoes whether the worktree's branch is about to be deleted (then it keeps nothing)
   */
  List<Lost> find(Path main, Git.WorktreeEntry worktree, Path gitDir, List<Git.WorktreeEntry> all, boolean branchGoes) {
    List<Lost> out = new ArrayList<>();
    if (worktree.head() != null) {
      String own = worktree.branch() == null ? null : "refs/heads/" + worktree.branch();
      List<String> hidden = new ArrayList<>();
      for (Git.Ref r : git.refs(main)) {
        if (!(branchGoes && r.name().equals(own))) {
          hidden.add(r.sha());
        }
      }
      all.stream().filter(w -> !w.path().equals(worktree.path()) && w.head() != null).forEach(w -> hidden.add(w.head()));
      List<Git.Commit> commits = git.commitsNotIn(main, List.of(worktree.head()), hidden);
      if (!commits.isEmpty()) {
        out.add(new Lost(null, main, worktree.head(), commits));
      }
    }
    if (gitDir != null) {
      git.submoduleGitDirs(gitDir).forEach((name, dir) -> out.addAll(inSubmodule(name, dir)));
    }
    return out;
  }

  /** The git dir of the linked worktree once at {@code worktree} (its folder gone): {@link GitFiles#orphanedGitDir}. */
  Path orphanedGitDir(Path commonDir, Path worktree) {
    return new GitFiles(disk).orphanedGitDir(commonDir, worktree);
  }

  /**
   * A submodule's HEAD and local branches, less what its remote-tracking refs and tags hold (the
   * remote has those). A commit also fetched into the main checkout's copy is still listed: saving
   * it again costs a ref.
   */
  private List<Lost> inSubmodule(String name, Path dir) {
    List<String> hidden = new ArrayList<>();
    List<String> tips = new ArrayList<>(List.of("HEAD"));
    for (Git.Ref r : git.refs(dir)) {
      if (r.name().startsWith("refs/remotes/") || r.name().startsWith("refs/tags/")) {
        hidden.add(r.sha());
      } else if (r.name().startsWith("refs/heads/")) {
        tips.add(r.name());
      }
    }
    List<Lost> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String tip : tips) {
      List<Git.Commit> commits = git.commitsNotIn(dir, List.of(tip), hidden).stream()
          .filter(c -> seen.add(c.sha())).toList();
      if (!commits.isEmpty()) {
        out.add(new Lost(name, dir, tip, commits));
      }
    }
    return out;
  }

  /**
   * Keeps the commits of {@code lost} under a new ref and says where: the worktree's in the
   * repository, a submodule's in the main checkout's copy of that submodule when there is one,
   * else in the repository (its objects have to live somewhere that stays).
   */
  String save(Lost lost, Path main, Path commonDir, String slug) {
    String count = lost.commits().size() + (lost.commits().size() == 1 ? " commit" : " commits");
    if (lost.submodule() == null) {
      String ref = freeRef(main, SAVED + slug + "/head", lost.tip());
      git.createRef(main, ref, lost.tip());
      return "saved " + count + " as " + ref + " (git branch <name> " + ref + " brings them back)";
    }
    Path module = commonDir.resolve("modules").resolve(lost.submodule());
    Path into = disk.isFile(module.resolve("HEAD")) && disk.isDirectory(module.resolve("objects")) ? module : main;
    String tipName = lost.tip().equals("HEAD") ? "head" : lost.tip().substring("refs/".length());
    String sha = git.resolve(lost.gitDir(), lost.tip()).orElseThrow();
    String ref = freeRef(into, SAVED + slug + "/modules/" + lost.submodule() + "/" + tipName, sha);
    if (!git.resolve(into, ref).equals(Optional.of(sha))) {
      git.copyRef(lost.gitDir(), lost.tip(), into, ref);
    }
    return "saved " + count + " of submodule " + lost.submodule() + " as " + ref + " in " + into;
  }

  /** {@code wanted}, or {@code wanted-2}, ... : the first name that is free or already holds {@code sha}. */
  private String freeRef(Path repo, String wanted, String sha) {
    for (int n = 1; ; n++) {
      String ref = n == 1 ? wanted : wanted + "-" + n;
      Optional<String> at = git.resolve(repo, ref);
      if (at.isEmpty() || at.get().equals(sha)) {
        return ref;
      }
    }
  }

  /** The commits as one line: {@code 8677b8ca46dc "subject"}, submodule ones prefixed by its name. */
  static List<String> describe(List<Lost> lost) {
    List<String> out = new ArrayList<>();
    for (Lost l : lost) {
      for (Git.Commit c : l.commits()) {
        out.add((l.submodule() == null ? "" : l.submodule() + "@") + c.shortSha() + " \"" + c.subject() + "\"");
      }
    }
    return out;
  }

  static int count(List<Lost> lost) {
    return lost.stream().mapToInt(l -> l.commits().size()).sum();
  }

  /** Names of the submodules holding lost commits. */
  static List<String> submodules(List<Lost> lost) {
    return lost.stream().map(Lost::submodule).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
