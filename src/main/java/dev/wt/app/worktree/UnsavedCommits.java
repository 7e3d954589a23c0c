package dev.wt.app.worktree;

import dev.wt.port.Git;
import dev.wt.port.GitFiles;
import dev.wt.port.LocalFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Commits that only a worktree holds, which {@code git worktree remove} would lose: those of its
 * HEAD (a detached HEAD, or a branch about to be deleted) and of its own refs ({@code refs/worktree},
 * {@code refs/bisect}, {@code refs/rewritten} live in its git dir) that no ref or other worktree
 * reaches, and those of its submodules, whose repositories live in the worktree's git dir and go
 * with it. Saved, when forced, under {@code refs/wt/saved/<slug>/} in a repository that stays.
 */
final class UnsavedCommits {

  static final String SAVED = "refs/wt/saved/";

  /** The refs git keeps per worktree; the rest of {@code refs/} is shared by all of them. */
  private static final List<String> PER_WORKTREE = List.of("refs/worktree/", "refs/bisect/", "refs/rewritten/");

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
   * @param gitDir the repository the commits are in (the main worktree for the worktree's own)
   * @param tip what reaches them, as git reads it in {@code gitDir}: a commit id for the worktree's
   *     (its HEAD, or what one of its own refs names), a rev of the submodule ({@code HEAD},
   *     {@code refs/heads/x}, {@code refs/stash@{1}})
   * @param name what holds them, as the saved ref calls it: {@code head}, {@code bisect/bad},
   *     {@code heads/x}, {@code stash/1}
   * @param commits newest first, without those an earlier tip already listed
   */
  record Lost(String submodule, Path gitDir, String tip, String name, List<Git.Commit> commits) {

    /** The ref holding them, as the user knows it; null for a HEAD or a branch (nobody wonders where those are). */
    String holder() {
      if (name.equals("head") || name.startsWith("heads/")) {
        return null;
      }
      return submodule == null ? "refs/" + name : tip;
    }
  }

  /**
   * Finds what would be lost.
   *
   * @param gitDir the worktree's git dir, null when it cannot be read (then its own refs and
   *     submodules are not seen)
   * @param branchGoes whether the worktree's branch is about to be deleted (then it keeps nothing)
   */
  List<Lost> find(Path main, Git.WorktreeEntry worktree, Path gitDir, List<Git.WorktreeEntry> all, boolean branchGoes) {
    String own = worktree.branch() == null ? null : "refs/heads/" + worktree.branch();
    Map<String, String> tips = new LinkedHashMap<>(); // name -> commit id
    if (worktree.head() != null) {
      tips.put("head", worktree.head());
    }
    List<String> hidden = new ArrayList<>();
    // read in the worktree's git dir, one git run: the shared refs and the worktree's own
    for (Git.Ref r : git.refs(gitDir != null ? gitDir : main)) {
      if (gitDir != null && perWorktree(r.name())) {
        tips.put(r.name().substring("refs/".length()), r.sha());
      } else if (!(branchGoes && r.name().equals(own))) {
        hidden.add(r.sha());
      }
    }
    List<Git.WorktreeEntry> others = all.stream().filter(w -> !w.path().equals(worktree.path())).toList();
    others.stream().filter(w -> w.head() != null).forEach(w -> hidden.add(w.head()));
    List<Lost> out = new ArrayList<>(lostFrom(null, main, tips, hidden));
    if (!out.isEmpty()) {
      // the other worktrees' own refs keep commits too; reading them costs a git run each, so only now
      others.stream().filter(w -> !w.prunable() && disk.isDirectory(w.path()))
          .forEach(w -> hidden.addAll(ownRefs(w.path())));
      out.clear();
      out.addAll(lostFrom(null, main, tips, hidden));
    }
    if (gitDir != null) {
      git.submoduleGitDirs(gitDir).forEach((name, dir) -> out.addAll(inSubmodule(name, dir)));
    }
    return out;
  }

  private static boolean perWorktree(String ref) {
    return PER_WORKTREE.stream().anyMatch(ref::startsWith);
  }

  /** What another worktree's own refs name; none when git cannot read them (its commits then count as lost). */
  private List<String> ownRefs(Path worktree) {
    try {
      return git.refs(worktree).stream().filter(r -> perWorktree(r.name())).map(Git.Ref::sha).toList();
    } catch (dev.wt.core.WtException e) {
      return List.of();
    }
  }

  /** One {@link Lost} per tip (name to rev) that reaches commits {@code hidden} does not, each commit listed once. */
  private List<Lost> lostFrom(String submodule, Path dir, Map<String, String> tips, List<String> hidden) {
    List<Lost> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    tips.forEach((name, tip) -> {
      List<Git.Commit> commits = git.commitsNotIn(dir, List.of(tip), hidden).stream()
          .filter(c -> seen.add(c.sha())).toList();
      if (!commits.isEmpty()) {
        out.add(new Lost(submodule, dir, tip, name, commits));
      }
    });
    return out;
  }

  /** The git dir of the linked worktree once at {@code worktree} (its folder gone): {@link GitFiles#orphanedGitDir}. */
  Path orphanedGitDir(Path commonDir, Path worktree) {
    return new GitFiles(disk).orphanedGitDir(commonDir, worktree);
  }

  /**
   * A submodule's HEAD and refs, less what its remote-tracking refs and tags hold (the remote has
   * those): its branches, its stash (each entry, which only the reflog keeps), notes, its own
   * worktree refs. A commit also fetched into the main checkout's copy is still listed: saving it
   * again costs a ref.
   */
  private List<Lost> inSubmodule(String name, Path dir) {
    List<String> hidden = new ArrayList<>();
    Map<String, String> tips = new LinkedHashMap<>(Map.of("head", "HEAD"));
    for (Git.Ref r : git.refs(dir)) {
      if (r.name().startsWith("refs/remotes/") || r.name().startsWith("refs/tags/")
          || r.name().startsWith("refs/prefetch/")) { // git maintenance's copies of the remote's
        hidden.add(r.sha());
      } else if (r.name().equals("refs/stash")) {
        int entries = git.reflog(dir, r.name()).size(); // none when the reflog is gone: the ref is all there is
        for (int i = 0; i < Math.max(1, entries); i++) {
          tips.put("stash/" + i, entries == 0 ? r.name() : r.name() + "@{" + i + "}");
        }
      } else {
        tips.putIfAbsent(r.name().substring("refs/".length()), r.name());
      }
    }
    return lostFrom(name, dir, tips, hidden);
  }

  /**
   * Keeps the commits of {@code lost} under a new ref and says where: the worktree's in the
   * repository, a submodule's in the main checkout's copy of that submodule when there is one,
   * else in the repository (its objects have to live somewhere that stays).
   */
  String save(Lost lost, Path main, Path commonDir, String slug) {
    String count = lost.commits().size() + (lost.commits().size() == 1 ? " commit" : " commits");
    String of = lost.holder() == null ? "" : " (" + lost.holder() + ")";
    if (lost.submodule() == null) {
      String ref = freeRef(main, SAVED + slug + "/" + lost.name(), lost.tip());
      git.createRef(main, ref, lost.tip());
      return "saved " + count + of + " as " + ref + " (git branch <name> " + ref + " brings them back)";
    }
    Path module = commonDir.resolve("modules").resolve(lost.submodule());
    Path into = disk.isFile(module.resolve("HEAD")) && disk.isDirectory(module.resolve("objects")) ? module : main;
    String sha = git.resolve(lost.gitDir(), lost.tip()).orElseThrow();
    String ref = freeRef(into, SAVED + slug + "/modules/" + lost.submodule() + "/" + lost.name(), sha);
    if (!git.resolve(into, ref).equals(Optional.of(sha))) {
      git.copyRef(lost.gitDir(), lost.tip(), into, ref);
    }
    return "saved " + count + of + " of submodule " + lost.submodule() + " as " + ref + " in " + into;
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
        out.add((l.submodule() == null ? "" : l.submodule() + "@") + c.shortSha() + " \"" + c.subject() + "\""
            + (l.holder() == null ? "" : " (" + l.holder() + ")"));
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
