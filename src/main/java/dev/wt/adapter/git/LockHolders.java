package dev.wt.adapter.git;

import dev.wt.port.ProcessTable;
import dev.wt.port.ProcessTable.Proc;
import dev.wt.port.RealPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The running process that may hold one of git's lock files: one that has it open, else a git at
 * work in the lock's repository (for a linked worktree's own locks, in that worktree). An open file
 * alone does not tell: git closes a ref lock and packed-refs.lock right after taking them and keeps
 * the files through the rest of the transaction (a reference-transaction hook, a whole pack-refs).
 */
final class LockHolders {

  /**
   * Long-running git commands that take none of the locks wt clears: a pager left open on
   * {@code git log} must not make a lock a killed git left look held.
   */
  private static final Set<String> READ_ONLY = Set.of("log", "show", "diff", "blame", "grep", "help", "shortlog",
      "whatchanged", "cat-file", "fsmonitor--daemon", "credential-cache--daemon", "daemon");
  /** git's options that take the next word as their value. */
  private static final Set<String> WITH_VALUE = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace",
      "--config-env", "--super-prefix");

  /**
   * A process that may hold a lock.
   *
   * @param open whether it has the lock open (else it is a git at work in the lock's repository)
   */
  record Holder(long pid, String command, boolean open) {

    /**
     * "pid 42 (git gc --auto)": the program by its name, not its folder, then its arguments, cut
     * short (a long install path would otherwise leave no room for the name).
     */
    String name() {
      String all = command.strip();
      String c = kernelName() ? all : program() + all.substring(all.split("\\s+", 2)[0].length());
      return "pid " + pid + " (" + (c.length() > 60 ? c.substring(0, 59) + "…" : c) + ")";
    }

    /** The program's name ({@code git}, {@code sleep}, {@code code}): the file name of its first word. */
    String program() {
      String all = command.strip();
      if (kernelName()) {
        return all.substring(1, all.length() - 1);
      }
      String first = all.split("\\s+", 2)[0];
      return first.substring(first.lastIndexOf('/') + 1);
    }

    /** A process without a command line, shown by its kernel name: {@code [kworker/0:1]}. */
    private boolean kernelName() {
      String all = command.strip();
      return all.length() > 2 && all.startsWith("[") && all.endsWith("]");
    }

    /** Whether it is a git (another program may hold a lock file too: an editor, a backup or sync tool). */
    boolean git() {
      return gitSubcommand(command) != null;
    }
  }

  private final ProcessTable processes;

  LockHolders(ProcessTable processes) {
    this.processes = processes;
  }

  /** The process that may hold {@code lock}; empty when none does, or where no process table can tell. */
  Optional<Holder> of(Path lock) {
    try {
      for (Proc p : processes.holding(lock)) {
        if (p.pid() != processes.self()) {
          return Optional.of(new Holder(p.pid(), p.command(), true));
        }
      }
      Path gitDir = gitDir(lock.getParent());
      if (gitDir == null) {
        return Optional.empty();
      }
      Path common = commonDir(gitDir);
      // a lock under the common dir (refs, packed-refs) is any worktree's git's to take; one in
      // worktrees/<x> only that worktree's
      boolean shared = gitDir.equals(common);
      List<Proc> all = processes.snapshot();
      Set<Long> ancestors = ancestors(all, processes.self());
      for (Proc p : all) {
        if (p.cwd() == null || ancestors.contains(p.pid()) || !mayWrite(p.command())) {
          continue;
        }
        Path theirs = repositoryOf(p.cwd());
        if (theirs != null && (shared ? common.equals(commonDir(theirs)) : gitDir.equals(theirs))) {
          return Optional.of(new Holder(p.pid(), p.command(), false));
        }
      }
    } catch (RuntimeException e) {
      // the table could not be read: as if no process held it
      dev.wt.port.DebugLog.of(LockHolders.class).debug("cannot tell who holds {}: {}", lock, e.getMessage());
    }
    return Optional.empty();
  }

  /** This process and the ones that started it: a git whose hook runs wt does not hold what wt waits for. */
  private static Set<Long> ancestors(List<Proc> all, long self) {
    Map<Long, Long> parent = new HashMap<>();
    all.forEach(p -> parent.put(p.pid(), p.ppid()));
    Set<Long> out = new HashSet<>();
    Long pid = self;
    while (pid != null && pid > 0 && out.add(pid)) {
      pid = parent.get(pid);
    }
    return out;
  }

  /** Whether {@code command} is a git that may write refs or the index (not a read-only one). */
  static boolean mayWrite(String command) {
    String sub = gitSubcommand(command);
    return sub != null && !READ_ONLY.contains(sub);
  }

  /** The subcommand of a git command line ("" for a bare {@code git}), or null when it is not git. */
  static String gitSubcommand(String command) {
    String[] words = command.strip().split("\\s+");
    String exe = words[0].substring(words[0].lastIndexOf('/') + 1);
    if (exe.startsWith("git-")) {
      return exe.substring("git-".length()); // the dashed form, as git runs some of its helpers
    }
    if (!exe.equals("git")) {
      return null;
    }
    for (int i = 1; i < words.length; i++) {
      if (WITH_VALUE.contains(words[i])) {
        i++;
      } else if (!words[i].startsWith("-")) {
        return words[i];
      }
    }
    return "";
  }

  /**
   * The git dir of the repository {@code dir} lies in: {@code dir} itself or a parent when it is a
   * git dir, else the one the nearest {@code .git} names. Null outside any.
   */
  static Path repositoryOf(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      // .git first, as git looks: a work tree may hold committed files named like a git dir's
      Path dotGit = p.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return RealPaths.of(dotGit);
      }
      if (Files.isRegularFile(dotGit)) {
        String text = read(dotGit);
        return text != null && text.startsWith("gitdir:") ? RealPaths.of(p.resolve(text.substring(7).strip())) : null;
      }
      if (isGitDir(p)) {
        return RealPaths.of(p);
      }
    }
    return null;
  }

  /** The git dir {@code dir} lies in (a linked worktree's admin folder, or a repository's), or null. */
  private static Path gitDir(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (isGitDir(p)) {
        return RealPaths.of(p);
      }
    }
    return null;
  }

  private static boolean isGitDir(Path p) {
    return Files.isRegularFile(p.resolve("HEAD"))
        && (Files.isRegularFile(p.resolve("commondir")) || Files.isDirectory(p.resolve("objects")) && Files.isDirectory(p.resolve("refs")));
  }

  /** The common dir of the git dir {@code gitDir}: the one its {@code commondir} names, else itself. */
  private static Path commonDir(Path gitDir) {
    String common = read(gitDir.resolve("commondir"));
    return common == null ? gitDir : RealPaths.of(gitDir.resolve(common.strip()));
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
