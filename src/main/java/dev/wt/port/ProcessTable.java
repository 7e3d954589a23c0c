package dev.wt.port;

import java.nio.file.Path;
import java.util.List;

/** The processes of this machine that wt may see and signal. */
public interface ProcessTable {

  /**
   * One process as seen at one instant.
   *
   * @param cwd its canonical working directory, null when unreadable (another user's, a zombie)
   * @param terminal whether it has a controlling terminal
   * @param startTime an opaque start stamp: with the pid it names one process, even after pid reuse
   */
  record Proc(long pid, long ppid, long pgid, long sid, boolean terminal, Path cwd, String command, long startTime) {

    /** A session leader on a terminal: someone's interactive shell. */
    public boolean interactiveShell() {
      return terminal && pid == sid;
    }
  }

  /** Signals wt sends. */
  enum Signal { TERM, KILL, INT, HUP }

  /** Every visible process. */
  List<Proc> snapshot();

  /** The pid of this wt process. */
  default long self() {
    return ProcessHandle.current().pid();
  }

  /** Sends {@code signal} to whole process groups and to single processes; gone ones are ignored. */
  void signal(Signal signal, List<Long> groups, List<Long> pids);

  /** Whether this very process (same pid and start stamp) still runs. */
  boolean alive(Proc proc);

  /** Stops the worktree's {@code git fsmonitor--daemon} where git runs one; returns whether one ran. */
  boolean stopFsmonitor(Path worktree);
}
