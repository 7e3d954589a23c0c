package dev.wt.core;

/** The documented process exit codes of every wt command (DESIGN §8). */
public enum ExitCode {
  OK(0, "ok"),
  REFUSED(1, "refused or user error (bad name, collision, dirty worktree, unmerged branch)"),
  USAGE(2, "usage error (unknown option, missing argument)"),
  ENVIRONMENT(3, "environment unavailable (not a git repository, PostgreSQL unreachable, binary missing, "
      + "a damaged wt state file)"),
  PARTIAL(4, "partial failure: what was done and what is left is printed"),
  INTERNAL(5, "internal error (a bug in wt: please report it)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
