package dev.wt.adapter.process;

import dev.wt.core.WtException;
import dev.wt.port.ProcessLauncher;
import dev.wt.port.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Starts a program as the leader of a new session (so of its own process group) through
 * {@code setsid} (util-linux) or, where there is none (macOS), perl's POSIX::setsid; forwards
 * SIGINT, SIGTERM and SIGHUP wt receives to that whole group; waits for it.
 *
 * <p>A new session rather than a new group: the program keeps reading and writing the terminal it
 * inherited (it is not a background job of that terminal), while terminal-generated signals reach
 * wt, which passes each on exactly once.
 */
public final class GroupLauncher implements ProcessLauncher {

  private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP");
  private static final String PERL_SETSID = "use POSIX (); POSIX::setsid();"
      + " exec { $ARGV[0] } @ARGV or do { print STDERR \"wt run: cannot run $ARGV[0]: $!\\n\"; exit 127 }";

  @Override
  public int run(List<String> command, Path dir, Map<String, String> env) {
    List<String> full = new ArrayList<>(wrapper());
    full.addAll(command);
    // handlers go in before the child starts, so an early Ctrl-C is passed on rather than lost
    AtomicLong group = new AtomicLong();
    List<String> pending = new CopyOnWriteArrayList<>();
    Map<Signal, SignalHandler> previous = new HashMap<>();
    for (String name : FORWARDED) {
      Signal signal = new Signal(name);
      try {
        previous.put(signal, Signal.handle(signal, s -> {
          long g = group.get();
          if (g == 0) {
            pending.add(name);
          } else {
            forward(name, g);
          }
        }));
      } catch (IllegalArgumentException e) {
        // the signal is ignored or reserved in this JVM: nothing to forward
      }
    }
    try {
      Process child = Exec.attached(full, dir, env, true, "wt run needs setsid (util-linux) or perl on PATH");
      group.set(child.pid());
      pending.forEach(name -> forward(name, child.pid()));
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        forward("TERM", child.pid());
        throw WtException.internal("interrupted while waiting for " + command.get(0), e);
      }
    } finally {
      previous.forEach((signal, handler) -> {
        try {
          Signal.handle(signal, handler);
        } catch (IllegalArgumentException e) {
          // nothing to restore
        }
      });
    }
  }

  private static void forward(String name, long group) {
    try {
      ProcessTable.Signal signal = ProcessTable.Signal.valueOf(name);
      Signals.send(signal, List.of(group), List.of());
    } catch (RuntimeException e) {
      // the group is already gone: the waiting thread sees the exit
    }
  }

  /** The command prefix that starts a program as the leader of a new session (its own process group). */
  static List<String> wrapper() {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        // util-linux setsid execs in place (the pid stays the program's) unless it leads a group,
        // which a child of the JVM never does
        return List.of(candidate, "--");
      }
    }
    return List.of(Tools.find("perl"), "-e", PERL_SETSID, "--");
  }
}
