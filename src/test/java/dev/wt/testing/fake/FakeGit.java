package dev.wt.testing.fake;

import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.RealPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Git for use-case tests: commits and refs live in memory, while the worktrees are laid out on a
 * real (temporary) disk exactly as git lays them out — a {@code .git} folder in the main checkout,
 * a {@code .git} file in each linked one, and {@code <common>/worktrees/<name>/{HEAD,gitdir,commondir}}
 * — so that {@code GitFiles}, folders moved aside and folders deleted by hand behave as with git.
 * The worktree list is read back from that layout, like {@code git worktree list} does.
 *
 * <p>Simplified on purpose: every commit has the same tree ({@link #track}ed files), the only
 * remote is {@code origin} (refs only, nothing to fetch), and submodules are not modelled.
 * Ignored files are those whose name matches one of {@link #ignore}'s globs or that
 * {@code .git/info/exclude} names; any other file on disk that is not tracked is untracked, so it
 * makes the worktree dirty.
 */
public final class FakeGit implements Git {

  private final Path main;
  private final Path common;
  private final Map<String, Node> commits = new LinkedHashMap<>();
  private final Map<String, String> refs = new TreeMap<>();
  private final Map<String, String> tracked = new LinkedHashMap<>();
  private final Set<Path> modified = new HashSet<>();
  private final List<String> ignoredGlobs = new ArrayList<>();
  private final Set<String> moved = new HashSet<>();
  private final Map<String, String> config = new HashMap<>();
  private final Map<Path, Map<String, String>> worktreeConfig = new HashMap<>();
  private int sequence;
  private Runnable beforeAdd = () -> { };

  private record Node(String sha, List<String> parents, String subject, int seq) {}

  /** A repository whose main checkout is {@code main} (made here), on {@code branch}, with one commit. */
  public FakeGit(Path main, String branch) {
    try {
      Files.createDirectories(main.resolve(".git").resolve("worktrees"));
      this.main = main.toRealPath();
      this.common = this.main.resolve(".git");
      Files.writeString(common.resolve("HEAD"), "ref: refs/heads/" + branch + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    refs.put("refs/heads/" + branch, newCommit(List.of(), "initial"));
    track("README.md", "hello\n");
  }

  public Path main() {
    return main;
  }

  public Path commonDir() {
    return common;
  }

  // ---- arranging the repository ---------------------------------------------------------------

  /** Puts a file into every commit (and into the checkouts that exist now). */
  public synchronized FakeGit track(String rel, String content) {
    tracked.put(rel, content);
    for (WorktreeEntry w : worktrees(main)) {
      write(w.path().resolve(rel), content);
    }
    return this;
  }

  /** Makes git ignore files and folders whose name matches {@code glob} (as a {@code .gitignore} line would). */
  public synchronized FakeGit ignore(String glob) {
    ignoredGlobs.add(glob);
    return this;
  }

  /** A new commit on {@code branch} (made from the base when missing); returns its id. */
  public synchronized String commit(String branch, String subject) {
    String ref = "refs/heads/" + branch;
    String parent = refs.get(ref);
    String sha = newCommit(parent == null ? List.of() : List.of(parent), subject);
    refs.put(ref, sha);
    moved.add(branch);
    return sha;
  }

  /** Creates a branch at {@code from}'s commit, as {@code git branch} would. */
  public synchronized void branch(String branch, String from) {
    refs.put("refs/heads/" + branch, resolveRef(from).orElseThrow());
  }

  /** Merges {@code branch} into {@code into} with a merge commit. */
  public synchronized void merge(String branch, String into) {
    String ref = "refs/heads/" + into;
    refs.put(ref, newCommit(List.of(refs.get(ref), refs.get("refs/heads/" + branch)), "merge " + branch));
  }

  /** A remote-tracking branch of origin at {@code from}'s commit. */
  public synchronized void remoteBranch(String branch, String from) {
    refs.put("refs/remotes/origin/" + branch, resolveRef(from).orElseThrow());
  }

  /** Edits a tracked file in the worktree at {@code worktree}: an uncommitted change. */
  public synchronized void modify(Path worktree, String rel) {
    Path p = RealPaths.of(worktree).resolve(rel);
    write(p, "changed\n");
    modified.add(p);
  }

  /** {@code git worktree lock}. */
  public synchronized void lock(Path worktree) {
    write(adminDirOf(RealPaths.of(worktree)).resolve("locked"), "");
  }

  /** A commit on the detached HEAD of the worktree at {@code worktree}; returns its id. */
  public synchronized String commitDetached(Path worktree, String subject) {
    Path admin = adminDirOf(RealPaths.of(worktree));
    String sha = newCommit(List.of(headOf(admin)), subject);
    write(admin.resolve("HEAD"), sha + "\n");
    return sha;
  }

  /** Runs {@code hook} at the start of every {@link #addWorktree}, outside this fake's monitor. */
  public void beforeAdd(Runnable hook) {
    this.beforeAdd = hook;
  }

  /** {@code rm -rf} of a worktree's folder, behind git's back. */
  public void deleteByHand(Path folder) {
    deleteTree(folder);
  }

  public synchronized void setConfig(String key, String value) {
    config.put(key, value);
  }

  /** The ids of every ref now, for assertions. */
  public synchronized Map<String, String> refsNow() {
    return Map.copyOf(refs);
  }

  // ---- Git --------------------------------------------------------------------------------------

  @Override
  public synchronized RepoLocation locate(Path dir) {
    Path at = RealPaths.of(dir);
    for (Path d = at; d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.isDirectory(dotGit) && dotGit.equals(common)) {
        return new RepoLocation(d, common, common, main, branchOf(common));
      }
      if (Files.isRegularFile(dotGit)) {
        Path gitDir = gitDirFile(dotGit);
        return new RepoLocation(d, gitDir, common, main, branchOf(gitDir));
      }
    }
    throw WtException.environment("not a git repository: " + dir, "run wt inside a git repository, or pass -C <dir>");
  }

  @Override
  public synchronized List<WorktreeEntry> worktrees(Path repo) {
    List<WorktreeEntry> out = new ArrayList<>();
    out.add(new WorktreeEntry(main, headOf(common), branchOf(common), true, false, false));
    try (Stream<Path> admins = Files.list(common.resolve("worktrees"))) {
      for (Path admin : admins.sorted().toList()) {
        Path gitdir = admin.resolve("gitdir");
        if (!Files.isRegularFile(gitdir)) {
          continue;
        }
        Path path = Path.of(Files.readString(gitdir).strip()).getParent();
        boolean locked = Files.exists(admin.resolve("locked"));
        out.add(new WorktreeEntry(path, headOf(admin), branchOf(admin), false, locked, !Files.isDirectory(path)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public boolean isValidBranchName(Path repo, String name) {
    return !name.isBlank() && !name.startsWith("-") && !name.contains("..") && !name.contains(" ")
        && !name.endsWith("/") && !name.endsWith(".lock") && !name.contains("//");
  }

  @Override
  public synchronized boolean localBranchExists(Path repo, String branch) {
    return refs.containsKey("refs/heads/" + branch);
  }

  @Override
  public synchronized boolean remoteBranchExists(Path repo, String remote, String branch) {
    return refs.containsKey("refs/remotes/" + remote + "/" + branch);
  }

  @Override
  public synchronized Optional<String> blockingRef(Path repo, String ref) {
    return refs.keySet().stream().filter(r -> r.startsWith(ref + "/") || ref.startsWith(r + "/")).findFirst();
  }

  @Override
  public synchronized Set<String> refNames(Path repo, List<String> patterns) {
    Set<String> out = new HashSet<>();
    for (String r : refs.keySet()) {
      if (patterns.stream().anyMatch(p -> r.equals(p) || r.startsWith(p.endsWith("/") ? p : p + "/"))) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public Optional<String> remoteDefaultBranch(Path repo) {
    return Optional.empty();
  }

  @Override
  public synchronized boolean refExists(Path repo, String ref) {
    return resolveRef(ref).isPresent();
  }

  @Override
  public void addWorktree(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    beforeAdd.run();
    synchronized (this) {
      add(repo, path, branch, how, startPoint);
    }
  }

  private void add(Path repo, Path path, String branch, BranchSource how, String startPoint) {
    Path target = RealPaths.of(path);
    if (Files.exists(target) && !isEmptyFolder(target)) {
      throw WtException.refused("git could not create the worktree at " + path + ": '" + path + "' already exists",
          "pick another branch name or folder");
    }
    if (worktrees(main).stream().anyMatch(w -> branch.equals(w.branch()))) {
      throw WtException.environment("git: '" + branch + "' is already checked out", "");
    }
    String ref = "refs/heads/" + branch;
    switch (how) {
      case EXISTING -> {
        if (!refs.containsKey(ref)) {
          throw WtException.environment("git: invalid reference: " + branch, "");
        }
      }
      case NEW, TRACK_REMOTE -> {
        if (refs.containsKey(ref) || blockingRef(repo, ref).isPresent()) {
          throw WtException.refused("git could not create the worktree at " + path + ": cannot lock ref '" + ref + "'",
              "pick another branch name");
        }
        refs.put(ref, resolveRef(startPoint).orElseThrow(() -> WtException.environment("git: bad start " + startPoint, "")));
      }
    }
    String name = target.getFileName().toString();
    Path admin = common.resolve("worktrees").resolve(name);
    for (int n = 1; Files.exists(admin); n++) {
      admin = common.resolve("worktrees").resolve(name + n);
    }
    write(admin.resolve("HEAD"), "ref: " + ref + "\n");
    write(admin.resolve("commondir"), "../..\n");
    write(admin.resolve("gitdir"), target.resolve(".git") + "\n");
    write(target.resolve(".git"), "gitdir: " + admin + "\n");
    tracked.forEach((rel, content) -> write(target.resolve(rel), content));
  }

  @Override
  public synchronized void removeWorktree(Path repo, Path path, boolean force) {
    Path at = RealPaths.of(path);
    Path admin = adminDirOf(at);
    if (!force && (!dirtyPaths(at).isEmpty() || Files.exists(admin.resolve("locked")))) {
      throw WtException.environment("git: '" + path + "' contains modified or untracked files, use --force to delete it", "");
    }
    deleteTree(at);
    deleteTree(admin);
  }

  @Override
  public void finishCheckout(Path repo, Path worktree, Path gitDir, String branch) {
    // the fake's checkout is one step: it is never cut off half way
    throw new UnsupportedOperationException("FakeGit makes no half-done checkouts to finish");
  }

  @Override
  public synchronized List<String> dirtyPaths(Path worktree) {
    Path root = RealPaths.of(worktree);
    List<String> out = new ArrayList<>();
    for (Path f : filesBelow(root)) {
      String rel = root.relativize(f).toString();
      if (rel.equals(".git") || rel.startsWith(".git/") || ignored(rel)) {
        continue;
      }
      if (!tracked.containsKey(rel) || modified.contains(f)) {
        out.add(rel);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean isMerged(Path repo, String branch, String base) {
    Optional<String> tip = resolveRef(branch);
    Optional<String> into = resolveRef(base);
    return tip.isPresent() && into.isPresent() && reachable(List.of(into.get())).contains(tip.get());
  }

  @Override
  public synchronized AheadBehind aheadBehind(Path repo, String ref, String base) {
    return new AheadBehind(commitsNotIn(repo, List.of(ref), List.of(base)).size(),
        commitsNotIn(repo, List.of(base), List.of(ref)).size());
  }

  @Override
  public synchronized Optional<String> resolve(Path repo, String ref) {
    return resolveRef(ref);
  }

  @Override
  public synchronized void deleteBranch(Path repo, String branch, boolean force) {
    String ref = "refs/heads/" + branch;
    if (!refs.containsKey(ref)) {
      throw WtException.environment("git: branch '" + branch + "' not found", "");
    }
    if (worktrees(main).stream().anyMatch(w -> branch.equals(w.branch()))) {
      throw WtException.environment("git: cannot delete branch '" + branch + "' used by a worktree", "");
    }
    if (!force && !isMerged(repo, branch, "HEAD")) {
      throw WtException.environment("git: the branch '" + branch + "' is not fully merged", "");
    }
    refs.remove(ref);
  }

  @Override
  public synchronized boolean branchMoved(Path repo, String branch) {
    return moved.contains(branch);
  }

  @Override
  public List<Submodule> uninitialisedSubmodules(Path worktree) {
    return List.of(); // the fake models no submodules
  }

  @Override
  public void initSubmodule(Path worktree, Submodule submodule, Path from) {
    throw new UnsupportedOperationException("FakeGit models no submodules");
  }

  @Override
  public void fetchBranch(Path repo, String remote, String branch) {
    // the fake's only remote is origin, refs only, already up to date
  }

  @Override
  public synchronized Optional<String> worktreeConfig(Path worktree, String key) {
    return Optional.ofNullable(worktreeConfig.getOrDefault(RealPaths.of(worktree), Map.of()).get(key));
  }

  @Override
  public synchronized Optional<String> config(Path dir, String key) {
    Map<String, String> own = worktreeConfig.getOrDefault(RealPaths.of(dir), Map.of());
    return Optional.ofNullable(own.getOrDefault(key, config.get(key)));
  }

  @Override
  public synchronized void setWorktreeConfig(Path worktree, String key, String value) {
    worktreeConfig.computeIfAbsent(RealPaths.of(worktree), k -> new HashMap<>()).put(key, value);
  }

  @Override
  public synchronized List<String> ignoredMatching(Path worktree, Path patterns) {
    return List.of();
  }

  @Override
  public synchronized List<String> ignoredEntries(Path worktree) {
    Path root = RealPaths.of(worktree);
    List<String> out = new ArrayList<>();
    Deque<Path> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Path dir = todo.pop();
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          String rel = root.relativize(p).toString();
          boolean folder = Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          if (rel.equals(".git")) {
            continue;
          }
          if (ignored(rel)) {
            out.add(folder ? rel + "/" : rel);
          } else if (folder) {
            todo.push(p);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public synchronized boolean isIgnored(Path worktree, String relativePath) {
    return ignored(relativePath);
  }

  @Override
  public synchronized boolean isTracked(Path file) {
    Path f = RealPaths.of(file);
    return worktrees(main).stream().anyMatch(w -> f.startsWith(w.path())
        && tracked.containsKey(w.path().relativize(f).toString()));
  }

  @Override
  public synchronized List<Ref> refs(Path repo) {
    return refs.entrySet().stream().map(e -> new Ref(e.getKey(), e.getValue())).toList();
  }

  @Override
  public synchronized List<Commit> commitsNotIn(Path repo, List<String> tips, List<String> hidden) {
    Set<String> hide = reachable(hidden.stream().flatMap(h -> resolveRef(h).stream()).toList());
    return reachable(tips.stream().flatMap(t -> resolveRef(t).stream()).toList()).stream()
        .filter(s -> !hide.contains(s))
        .map(commits::get)
        .sorted(Comparator.comparingInt(Node::seq).reversed())
        .map(n -> new Commit(n.sha(), n.subject()))
        .toList();
  }

  @Override
  public synchronized boolean createRef(Path repo, String ref, String sha) {
    return refs.putIfAbsent(ref, sha) == null;
  }

  @Override
  public synchronized void copyRef(Path from, String fromRef, Path into, String toRef) {
    refs.put(toRef, resolveRef(fromRef).orElseThrow());
  }

  @Override
  public Map<String, Path> submoduleGitDirs(Path gitDir) {
    return Map.of();
  }

  // ---- inside -----------------------------------------------------------------------------------

  private String newCommit(List<String> parents, String subject) {
    sequence++;
    String sha = String.format("%040x", 0xc0ffee00L + sequence);
    commits.put(sha, new Node(sha, parents, subject, sequence));
    return sha;
  }

  private Optional<String> resolveRef(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (name.equals("HEAD")) {
      return Optional.ofNullable(headOf(common));
    }
    for (String candidate : List.of(name, "refs/heads/" + name, "refs/tags/" + name, "refs/remotes/" + name)) {
      if (refs.containsKey(candidate)) {
        return Optional.of(refs.get(candidate));
      }
    }
    return commits.containsKey(name) ? Optional.of(name) : Optional.empty();
  }

  private Set<String> reachable(List<String> from) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(from);
    while (!todo.isEmpty()) {
      String sha = todo.pop();
      if (commits.containsKey(sha) && seen.add(sha)) {
        todo.addAll(commits.get(sha).parents());
      }
    }
    return seen;
  }

  private String branchOf(Path gitDir) {
    String head = read(gitDir.resolve("HEAD"));
    return head != null && head.startsWith("ref: refs/heads/") ? head.substring("ref: refs/heads/".length()) : null;
  }

  private String headOf(Path gitDir) {
    String head = read(gitDir.resolve("HEAD"));
    if (head == null) {
      return null;
    }
    return head.startsWith("ref: ") ? refs.get(head.substring(5)) : head;
  }

  private Path adminDirOf(Path worktree) {
    try (Stream<Path> admins = Files.list(common.resolve("worktrees"))) {
      return admins.filter(a -> (worktree.resolve(".git") + "").equals(read(a.resolve("gitdir"))))
          .findFirst().orElseThrow(() -> WtException.environment("git: '" + worktree + "' is not a working tree", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean ignored(String rel) {
    String excludes = read(common.resolve("info").resolve("exclude"));
    if (excludes != null) {
      for (String line : excludes.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
        String anchored = line.startsWith("/") ? line.substring(1) : line;
        if (rel.equals(anchored) || rel.startsWith(anchored + "/")) {
          return true;
        }
      }
    }
    for (Path p = Path.of(rel); p != null; p = p.getParent()) {
      if (matches(p.getFileName().toString())) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String name) {
    return ignoredGlobs.stream().anyMatch(g -> FileSystems.getDefault().getPathMatcher("glob:" + g).matches(Path.of(name)));
  }

  private static Path gitDirFile(Path dotGit) {
    String text = read(dotGit);
    return Path.of(text.substring("gitdir:".length()).strip());
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmptyFolder(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> filesBelow(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
