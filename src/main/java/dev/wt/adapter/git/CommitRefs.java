package dev.wt.adapter.git;

import static dev.wt.adapter.git.GitRunner.READ_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.WRITE_TIMEOUT;
import static dev.wt.adapter.git.GitRunner.check;
import static dev.wt.adapter.git.GitRunner.gitIn;
import static dev.wt.adapter.git.GitRunner.invocation;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.Git.Commit;
import dev.wt.port.Git.Ref;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The refs and commits wt reads to find work only one worktree holds, and the refs it saves that work under. */
final class CommitRefs {

  private final RepoReads reads;

  CommitRefs(RepoReads reads) {
    this.reads = reads;
  }

  List<Ref> refs(Path repo) {
    Exec.Result r = check(gitIn(repo, READ_TIMEOUT, "for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"),
        "list the refs");
    List<Ref> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String[] f = line.split(" ", 3);
      if (f.length == 3 && (f[1].equals("commit") || f[1].equals("tag"))) {
        out.add(new Ref(f[2], f[0]));
      }
    }
    return out;
  }

  List<Commit> commitsNotIn(Path repo, List<String> tips, List<String> hidden) {
    if (tips.isEmpty()) {
      return List.of();
    }
    // on stdin: thousands of refs would not fit a command line, and a name is never read as an option
    StringBuilder input = new StringBuilder();
    tips.forEach(t -> input.append(t).append('\n'));
    hidden.forEach(h -> input.append('^').append(h).append('\n'));
    List<String> cmd = new ArrayList<>(invocation(repo));
    cmd.addAll(List.of("log", "--ignore-missing", "--format=%H%x09%s", "--stdin"));
    Exec.Result r = check(GitRunner.withInput(cmd,
        input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "list the commits of " + repo);
    List<Commit> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        out.add(new Commit(line.substring(0, tab), line.substring(tab + 1)));
      }
    }
    return out;
  }

  List<String> reflog(Path repo, String ref) {
    Exec.Result r = gitIn(repo, READ_TIMEOUT, "reflog", "show", "--format=%H", "--end-of-options", ref, "--");
    // no reflog (switched off, or the ref is gone): only the ref itself names a commit
    return r.ok() ? r.stdout().lines().filter(l -> !l.isBlank()).toList() : List.of();
  }

  boolean createRef(Path repo, String ref, String sha) {
    byte[] input = ("create " + ref + " " + sha + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(invocation(repo));
    cmd.addAll(List.of("update-ref", "--stdin"));
    Exec.Result r = GitRunner.withInput(cmd, input);
    if (!r.ok() && reads.resolve(repo, ref).isPresent()) {
      return false;
    }
    check(r, "create " + ref);
    return true;
  }

  void copyRef(Path from, String fromRef, Path into, String toRef) {
    // a push, not a fetch: git would start the source's upload-pack in its core.worktree, which a
    // removed worktree's submodule no longer has
    check(gitIn(from, WRITE_TIMEOUT, "push", "-q", "--no-verify", "--", into.toString(), fromRef + ":" + toRef),
        "copy " + fromRef + " of " + from + " into " + into);
  }

  Map<String, Path> submoduleGitDirs(Path gitDir) {
    Map<String, Path> out = new java.util.TreeMap<>();
    collectModules(gitDir.resolve("modules"), "", out);
    return out;
  }

  /** Walks {@code <git dir>/modules}: a name may hold slashes, and a submodule keeps its own in its git dir. */
  private static void collectModules(Path dir, String prefix, Map<String, Path> out) {
    if (!java.nio.file.Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> children = java.nio.file.Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        if (!java.nio.file.Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String name = prefix + child.getFileName();
        if (java.nio.file.Files.isRegularFile(child.resolve("HEAD")) && java.nio.file.Files.isDirectory(child.resolve("objects"))) {
          out.put(name, child);
          collectModules(child.resolve("modules"), name + "/modules/", out);
        } else {
          collectModules(child, name + "/", out);
        }
      }
    } catch (java.io.IOException e) {
      throw WtException.environment("cannot read " + dir + ": " + e.getMessage(), "check its permissions");
    }
  }
}
