package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.git;
import static dev.wt.adapter.git.GitRunner.gitIn;
import static dev.wt.adapter.git.GitRunner.invocation;
import static dev.wt.adapter.git.GitRunner.nulSeparated;

import dev.wt.adapter.process.Exec;
import dev.wt.port.Git.HeadMove;
import dev.wt.port.Git.PlainCheckout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What git says of a worktree's files: changed, untracked, ignored, tracked, and their attributes files. */
final class FileReads {

  List<String> dirtyPaths(Path worktree) {
    // --ignore-submodules=none: a .gitmodules "ignore = all" must not hide work inside a submodule from the dirty check
    Exec.Result r = check(git(worktree, READ_TIMEOUT, "status", "--porcelain=v1", "-z", "--untracked-files=all",
        "--ignore-submodules=none"),
        "read the status of " + worktree);
    List<String> paths = new ArrayList<>();
    String[] fields = r.stdout().split("\0");
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.length() < 4) {
        continue;
      }
      paths.add(f.substring(3));
      if (f.charAt(0) == 'R' || f.charAt(0) == 'C') {
        i++; // the rename's source path follows
      }
    }
    return paths;
  }

  Optional<PlainCheckout> plainCheckout(Path worktree) {
    // -v: "H " a tracked file git compares with the disk, "S " skip-worktree, lower case
    // assume-unchanged (-f: or fsmonitor-valid), "M " unmerged, "? " untracked; -s: then
    // "<mode> <object> <stage>\t<path>"
    List<String> untracked = new ArrayList<>();
    Map<String, String> attributes = new java.util.TreeMap<>();
    for (String e : nulSeparated(check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "-v", "-f", "-s", "--cached",
        "--others", "--directory"), "list the files of " + worktree))) {
      if (e.startsWith("? ")) {
        untracked.add(e.substring(2));
      } else if (!e.startsWith("H ") || e.startsWith("H 160000 ")) {
        return Optional.empty(); // a gitlink's folder: git never looks inside it, a checkout neither
      } else {
        int tab = e.indexOf('\t');
        if (tab > 0 && attributesFile(e.substring(tab + 1))) {
          String[] f = e.substring(2, tab).split(" ");
          attributes.put(e.substring(tab + 1), f[1]);
        }
      }
    }
    return Optional.of(new PlainCheckout(untracked, attributes));
  }

  Optional<Map<String, String>> attributeFiles(Path repo, String commit) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "ls-tree", "-r", "-z", "--end-of-options", commit);
    if (!r.ok()) {
      return Optional.empty();
    }
    Map<String, String> out = new java.util.TreeMap<>();
    for (String e : nulSeparated(r)) {
      // "<mode> <type> <object>\t<path>"
      int tab = e.indexOf('\t');
      if (tab > 0 && attributesFile(e.substring(tab + 1))) {
        out.put(e.substring(tab + 1), e.substring(e.lastIndexOf(' ', tab) + 1, tab));
      }
    }
    return Optional.of(out);
  }

  boolean attributesMoved(Path repo, List<HeadMove> moves) {
    StringBuilder pairs = new StringBuilder();
    moves.forEach(m -> pairs.append(m.from()).append(' ').append(m.to()).append('\n'));
    List<String> cmd = new ArrayList<>(invocation(repo));
    // "*" of a plain pathspec matches across folders: the file at any depth
    cmd.addAll(List.of("diff-tree", "--stdin", "-r", "-z", "--name-only", "--no-commit-id", "--",
        ".gitattributes", "*/.gitattributes"));
    Exec.Result r = GitRunner.withInput(cmd, pairs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return !r.ok() || nulSeparated(r).stream().anyMatch(FileReads::attributesFile);
  }

  private static boolean attributesFile(String path) {
    return path.equals(".gitattributes") || path.endsWith("/.gitattributes");
  }

  List<String> ignoredEntries(Path worktree) {
    return nulSeparated(check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
        "--directory", "--no-empty-directory"), "list ignored files"));
  }

  List<String> ignoredMatching(Path worktree, Path patterns) {
    // git does the matching (gitignore syntax at any depth, negations) and the walk; without
    // --no-empty-directory, which would hide files matched inside an untracked folder
    Exec.Result listed = check(git(worktree, READ_TIMEOUT, "ls-files", "-z", "--others", "--ignored", "--directory",
        "--exclude-from=" + patterns), "list the files " + patterns + " names");
    List<String> candidates = new ArrayList<>();
    for (String f : listed.stdout().split("\0")) {
      if (!f.isEmpty() && candidates.stream().noneMatch(d -> d.endsWith("/") && f.startsWith(d))) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    Exec.Result ignored = checkIgnore(worktree, candidates, false);
    if (ignored.exitCode() == 1) {
      return List.of(); // none of them is ignored
    }
    return answered(check(ignored, "check which files git ignores"));
  }

  /** The paths check-ignore answered with, as the caller named them ({@link #asName} undone). */
  private static List<String> answered(Exec.Result r) {
    List<String> out = new ArrayList<>();
    for (String path : nulSeparated(r)) {
      out.add(path.startsWith("./:") ? path.substring(2) : path);
    }
    return out;
  }

  /**
   * {@code git check-ignore -z --stdin} of {@code paths}: git takes {@code -z} only with {@code
   * --stdin}, and stops at the first path it rejects (exit 128) after answering for those before it.
   *
   * @param noIndex whether tracked files count too ({@code --no-index})
   */
  private static Exec.Result checkIgnore(Path worktree, List<String> paths, boolean noIndex) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", worktree.toString(), "check-ignore", "-z", "--stdin"));
    if (noIndex) {
      cmd.add("--no-index");
    }
    StringBuilder input = new StringBuilder();
    paths.forEach(p -> input.append(asName(p)).append('\0'));
    return GitRunner.withInput(cmd, input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * {@code path} as check-ignore takes it as a name: one starting with ':' would be pathspec magic
   * (":!x", ":(exclude)x", refused by check-ignore, which takes no --literal-pathspecs either), so it
   * goes as "./:..." (git answers with the path as given, and the callers map it back).
   */
  private static String asName(String path) {
    return path.startsWith(":") ? "./" + path : path;
  }

  boolean isIgnored(Path worktree, String relativePath) {
    return git(worktree, READ_TIMEOUT, "check-ignore", "-q", "--no-index", "--", asName(relativePath)).ok();
  }

  List<String> ignored(Path worktree, List<String> relativePaths) {
    if (relativePaths.isEmpty()) {
      return List.of();
    }
    Exec.Result r = checkIgnore(worktree, relativePaths, true);
    if (r.exitCode() == 0 || r.exitCode() == 1) { // some are ignored; none is
      return answered(r);
    }
    if (relativePaths.size() > 1) {
      // git stopped at a path it rejects: each on its own, so that one does not decide for the others
      List<String> out = new ArrayList<>();
      relativePaths.forEach(p -> out.addAll(ignored(worktree, List.of(p))));
      return out;
    }
    // rejected (beyond a symbolic link, inside a submodule): not ignored, as isIgnored says; the
    // caller then excludes it, which hides a file git would not track anyway
    dev.wt.port.DebugLog.of(GitCli.class).debug("git check-ignore rejected {}: {}", relativePaths.get(0),
        r.stderr().strip());
    return List.of();
  }

  boolean isTracked(Path file) {
    return git(file.getParent(), READ_TIMEOUT, "ls-files", "--error-unmatch", "--", file.getFileName().toString()).ok();
  }
}
