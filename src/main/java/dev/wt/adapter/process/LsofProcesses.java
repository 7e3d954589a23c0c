package dev.wt.adapter.process;

import dev.wt.core.WtException;
import dev.wt.port.ProcessTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ProcessTable} for macOS and other systems without {@code /proc}: {@code ps} for the
 * process tree, {@code lsof -d cwd} for working directories.
 */
public final class LsofProcesses implements ProcessTable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Override
  public List<Proc> snapshot() {
    Map<Long, Path> cwds = new HashMap<>();
    Exec.Result lsof = Exec.run(List.of(Tools.find("lsof"), "-w", "-a", "-d", "cwd", "-Fpn"), null, Map.of(), TIMEOUT);
    long pid = -1;
    for (String line : lsof.stdout().lines().toList()) {
      if (line.startsWith("p")) {
        pid = Long.parseLong(line.substring(1));
      } else if (line.startsWith("n") && pid > 0) {
        cwds.put(pid, Path.of(line.substring(1)));
      }
    }
    return ps(List.of("-axww"), cwds);
  }

  @Override
  public List<Proc> holding(Path file) {
    try {
      // -t: only the pids; it exits 1 when no process has the file open
      Exec.Result r = Exec.run(List.of(Tools.find("lsof"), "-w", "-t", "--", file.toString()), null, Map.of(), TIMEOUT);
      List<String> pids = r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty() && l.chars().allMatch(Character::isDigit))
          .toList();
      return pids.isEmpty() ? List.of() : ps(List.of("-ww", "-p", String.join(",", pids)), Map.of());
    } catch (WtException e) {
      return List.of(); // no lsof here: cannot tell
    }
  }

  /** The processes {@code ps} lists with {@code selection}, with the working directories known in {@code cwds}. */
  private List<Proc> ps(List<String> selection, Map<Long, Path> cwds) {
    // lstart is the start stamp that tells a reused pid apart; its text is stable for one process
    List<String> command = new ArrayList<>(List.of(Tools.find("ps")));
    command.addAll(selection);
    command.addAll(List.of("-o", "pid=,ppid=,pgid=,stat=,tty=,lstart=,command="));
    Exec.Result ps = Exec.run(command, null, Map.of(), TIMEOUT);
    List<Proc> out = new ArrayList<>();
    for (String line : ps.stdout().lines().toList()) {
      String[] f = line.trim().split("\\s+", 12);
      if (f.length < 11) {
        continue;
      }
      try {
        long p = Long.parseLong(f[0]);
        // BSD ps has no session id; the stat flag 's' marks a session leader, which is all we ask
        long sid = f[3].contains("s") ? p : -1;
        boolean tty = !f[4].equals("??") && !f[4].equals("?");
        long start = String.join(" ", f[5], f[6], f[7], f[8], f[9]).hashCode();
        String cmd = f.length > 10 ? String.join(" ", java.util.Arrays.copyOfRange(f, 10, f.length)) : "";
        long ppid = Long.parseLong(f[1]);
        if (ppid == self() && (cmd.startsWith("ps ") || cmd.startsWith("lsof "))) {
          continue; // the helpers this very snapshot ran
        }
        out.add(new Proc(p, ppid, Long.parseLong(f[2]), sid, tty, cwds.get(p), cmd, start));
      } catch (NumberFormatException e) {
        // a header or a line ps printed oddly: not a process we can act on
      }
    }
    return out;
  }

  @Override
  public void signal(Signal signal, List<Long> groups, List<Long> pids) {
    Signals.send(signal, groups, pids);
  }

  @Override
  public boolean alive(Proc proc) {
    Exec.Result r = Exec.run(List.of(Tools.find("ps"), "-o", "lstart=", "-p", Long.toString(proc.pid())), null,
        Map.of(), TIMEOUT);
    String[] f = r.stdout().trim().split("\\s+");
    return r.ok() && f.length >= 5 && String.join(" ", f[0], f[1], f[2], f[3], f[4]).hashCode() == proc.startTime();
  }

  @Override
  public boolean stopFsmonitor(Path worktree) {
    if (!worktree.toFile().isDirectory()) {
      return false;
    }
    try {
      Exec.Result r = Exec.run(List.of("git", "-C", worktree.toString(), "fsmonitor--daemon", "stop"), null,
          Map.of("GIT_TERMINAL_PROMPT", "0"), Duration.ofSeconds(10));
      return r.ok();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
