package dev.wt.adapter.process;

import dev.wt.port.ProcessTable.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends signals with the system's {@code kill}, the one portable way to reach a process group. */
final class Signals {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Signals() {}

  static void send(Signal signal, List<Long> groups, List<Long> pids) {
    if (groups.isEmpty() && pids.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(Tools.find("kill"), "-" + signal.name(), "--"));
    groups.forEach(g -> cmd.add("-" + g));
    pids.forEach(p -> cmd.add(Long.toString(p)));
    // a non-zero exit only means some of them had already exited, which is what we want anyway
    Exec.run(cmd, null, Map.of(), TIMEOUT);
  }
}
