package dev.wt.adapter.process;

import dev.wt.port.ProcessTable;
import dev.wt.port.RealPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ProcessTable} read from {@code /proc}: no process is started to look. */
public final class LinuxProcesses implements ProcessTable {

  private static final Path PROC = Path.of("/proc");
  private static final String DELETED = " (deleted)";
  /** The {@code stat} flag of a kernel thread: it has no folder of anyone's. */
  private static final long PF_KTHREAD = 0x00200000;

  /** Whether this machine has a Linux {@code /proc}. */
  public static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  @Override
  public List<Proc> snapshot() {
    List<Proc> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, LinuxProcesses::isPid)) {
      for (Path dir : dirs) {
        Proc p = read(dir);
        if (p != null) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw dev.wt.core.WtException.environment("cannot list /proc: " + e.getMessage(), "is /proc mounted?");
    }
    return out;
  }

  @Override
  public List<Unseen> unseen(Path folder, Instant since) {
    long boot = bootSeconds();
    List<Unseen> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, LinuxProcesses::isPid)) {
      for (Path dir : dirs) {
        String[] f = statFields(dir);
        if (f == null || (Long.parseLong(f[6]) & PF_KTHREAD) != 0 || !cwdDenied(dir)) {
          continue;
        }
        // the kernel counts start times in USER_HZ (100 on every Linux) since boot
        Instant started = Instant.ofEpochMilli(boot * 1000 + Long.parseLong(f[19]) * 10);
        if (since != null && boot > 0 && started.isBefore(since.minusSeconds(2))) {
          continue; // it was running before the folder existed; daemons do not move into new folders
        }
        Credentials who = Credentials.of(dir);
        if (who == null || !who.mayEnter(folder)) {
          continue;
        }
        String command = commandLine(dir);
        out.add(new Unseen(Long.parseLong(dir.getFileName().toString()), who.uid(),
            command.isEmpty() ? "?" : command));
      }
    } catch (IOException e) {
      throw dev.wt.core.WtException.environment("cannot list /proc: " + e.getMessage(), "is /proc mounted?");
    }
    return out;
  }

  /** Whether the process's working directory exists but this user may not read it. */
  private static boolean cwdDenied(Path dir) {
    try {
      Files.readSymbolicLink(dir.resolve("cwd"));
      return false;
    } catch (AccessDeniedException e) {
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // gone, or it has no working directory at all
    }
  }

  /** The fields of {@code stat} after the command name, or null for a zombie or a process gone. */
  private static String[] statFields(Path dir) {
    try {
      String stat = Files.readString(dir.resolve("stat"));
      int close = stat.lastIndexOf(')');
      String[] f = close < 0 ? new String[0] : stat.substring(close + 2).trim().split(" ");
      return f.length < 20 || f[0].equals("Z") || f[0].equals("X") ? null : f;
    } catch (IOException e) {
      return null;
    }
  }

  private static long bootSeconds() {
    try {
      return Files.readAllLines(PROC.resolve("stat")).stream().filter(l -> l.startsWith("btime "))
          .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public List<Proc> holding(Path file) {
    Path target = RealPaths.of(file);
    List<Proc> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, LinuxProcesses::isPid)) {
      for (Path dir : dirs) {
        Proc p = opens(dir, target) ? read(dir) : null;
        if (p != null) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return List.of(); // cannot tell
    }
    return out;
  }

  /** Whether the process in {@code dir} has {@code target} open; false when its descriptors are not ours to read. */
  private static boolean opens(Path dir, Path target) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (target.equals(Files.readSymbolicLink(fd))) {
            return true;
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // another user's process, or gone
    }
    return false;
  }

  @Override
  public void signal(Signal signal, List<Long> groups, List<Long> pids) {
    Signals.send(signal, groups, pids);
  }

  @Override
  public boolean alive(Proc proc) {
    Proc now = read(PROC.resolve(Long.toString(proc.pid())));
    return now != null && now.startTime() == proc.startTime();
  }

  @Override
  public boolean stopFsmonitor(Path worktree) {
    // git runs no fsmonitor daemon on Linux; one that did would be found by its working directory
    return false;
  }

  static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  /** The process in {@code dir}, or null when it is gone or a zombie. */
  private static Proc read(Path dir) {
    String stat;
    try {
      stat = Files.readString(dir.resolve("stat"));
    } catch (IOException e) {
      return null;
    }
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String comm = stat.substring(stat.indexOf('(') + 1, close);
    String[] f = stat.substring(close + 2).trim().split(" ");
    if (f.length < 20 || f[0].equals("Z") || f[0].equals("X")) {
      return null;
    }
    long pid = Long.parseLong(dir.getFileName().toString());
    Path cwd;
    try {
      cwd = Files.readSymbolicLink(dir.resolve("cwd"));
      String text = cwd.toString();
      if (text.endsWith(DELETED)) {
        // its folder is gone (a worktree removed under it): it still belongs to that path
        cwd = Path.of(text.substring(0, text.length() - DELETED.length()));
      }
    } catch (IOException | UnsupportedOperationException e) {
      cwd = null;
    }
    String command = commandLine(dir);
    return new Proc(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), !f[4].equals("0"), cwd,
        command.isEmpty() ? "[" + comm + "]" : command, Long.parseLong(f[19]));
  }

  /** The command line of the process in {@code dir}, arguments joined by spaces; empty if unknown. */
  static String commandLine(Path dir) {
    try {
      byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
      int end = raw.length;
      while (end > 0 && raw[end - 1] == 0) {
        end--;
      }
      return new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
