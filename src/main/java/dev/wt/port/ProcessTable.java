package dev.wt.port;

import java.nio.file.Path;
import java.time.Instant;
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

  /**
   * A process whose working directory wt may not read (another user's), so it cannot tell whether
   * it works inside a folder.
   */
  record Unseen(long pid, long uid, String command) {}

  /** Signals wt sends. */
  enum Signal { TERM, KILL, INT, HUP }

  /** Every visible process. */
  List<Proc> snapshot();

  /** The pid of this wt process. */
  default long self() {
    return ProcessHandle.current().pid();
  }

  /**
   * Processes whose working directory this user may not read and that could be inside {@code folder}:
   * no kernel threads, none started before {@code since} (null: any), none whose user the folders on
   * the way keep out. Empty where the table cannot tell.
   */
  default List<Unseen> unseen(Path folder, Instant since) {
    return List.of();
  }

  /**
   * The processes that have {@code file} open, among those whose open files this user may see;
   * empty also where the table cannot tell.
   */
  default List<Proc> holding(Path file) {
    return List.of();
  }

  /** Sends {@code signal} to whole process groups and to single processes; gone ones are ignored. */
  void signal(Signal signal, List<Long> groups, List<Long> pids);

  /** Whether this very process (same pid and start stamp) still runs. */
  boolean alive(Proc proc);

  /** Stops the worktree's {@code git fsmonitor--daemon} where git runs one; returns whether one ran. */
  boolean stopFsmonitor(Path worktree);
}
