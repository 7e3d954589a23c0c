package dev.wt.testing.fake;

import dev.wt.port.ProcessTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A process table in memory. A process ends on SIGTERM (to its pid or its group) unless it was
 * started {@link #stubborn}, and always on SIGKILL, as real ones do; signals to gone processes are
 * ignored. wt itself is pid {@link #SELF}, so a use case that would signal it is caught.
 */
public final class FakeProcessTable implements ProcessTable {

  public static final long SELF = 100;

  private final List<Proc> procs = new ArrayList<>();
  private final Set<Long> stubborn = new HashSet<>();
  private final List<String> sent = new ArrayList<>();
  private long next = 1000;

  public FakeProcessTable() {
    procs.add(new Proc(1, 0, 1, 1, false, Path.of("/"), "init", 1));
    procs.add(new Proc(SELF, 1, SELF, SELF, false, Path.of("/"), "wt", 2));
  }

  /** A process of its own group working in {@code cwd}; returns its pid. */
  public synchronized long start(Path cwd, String command) {
    long pid = next++;
    procs.add(new Proc(pid, 1, pid, pid, false, cwd, command, pid));
    return pid;
  }

  /** A process that ignores SIGTERM. */
  public synchronized long stubborn(Path cwd, String command) {
    long pid = start(cwd, command);
    stubborn.add(pid);
    return pid;
  }

  /** An interactive shell (a session leader on a terminal) standing in {@code cwd}. */
  public synchronized long shell(Path cwd) {
    long pid = next++;
    procs.add(new Proc(pid, 1, pid, pid, true, cwd, "bash", pid));
    return pid;
  }

  public synchronized boolean running(long pid) {
    return procs.stream().anyMatch(p -> p.pid() == pid);
  }

  /** Every signal sent, as {@code TERM group 1000} or {@code KILL pid 1001}. */
  public synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized List<Proc> snapshot() {
    return List.copyOf(procs);
  }

  @Override
  public long self() {
    return SELF;
  }

  @Override
  public synchronized void signal(Signal signal, List<Long> groups, List<Long> pids) {
    groups.forEach(g -> sent.add(signal + " group " + g));
    pids.forEach(p -> sent.add(signal + " pid " + p));
    procs.removeIf(p -> (groups.contains(p.pgid()) || pids.contains(p.pid()))
        && (signal == Signal.KILL || !stubborn.contains(p.pid())));
  }

  @Override
  public synchronized boolean alive(Proc proc) {
    return procs.stream().anyMatch(p -> p.pid() == proc.pid() && p.startTime() == proc.startTime());
  }

  @Override
  public boolean stopFsmonitor(Path worktree) {
    return false;
  }
}
