package dev.wt.adapter.fs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a folder in an {@code rm -rf} of its own session (setsid), so that neither the end of wt
 * nor a harness that kills wt's process group stops it. Its pid is written beside the folder
 * ({@code <folder>.pid}, removed last) so that the next wt command can tell a deletion under way
 * from an interrupted one and start only the latter again.
 */
final class DetachedDelete {

  private static final File NULL = new File("/dev/null");

  private DetachedDelete() {}

  static void start(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS) || running(folder)) {
      return;
    }
    Path pidFile = pidFile(folder);
    List<String> cmd = new ArrayList<>();
    setsid().ifPresent(cmd::add);
    // The shell names its pid before it becomes rm (exec keeps the pid, through nice and ionice too),
    // so the pid file can never be written after rm is done; rm takes its operands in order: the pid
    // file goes last. At the lowest CPU and I/O priority: the deletion is nobody's wait, while the
    // next checkout (often the next wt up) is; -t: where the I/O class cannot be set, rm runs anyway.
    cmd.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$1\" || exit; p=;"
        + " command -v nice >/dev/null 2>&1 && p='nice -n 19';"
        + " command -v ionice >/dev/null 2>&1 && p=\"$p ionice -t -c 3\";"
        + " exec $p rm -rf -- \"$2\" \"$1\"", "sh", pidFile.toString(), folder.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(NULL).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      dev.wt.port.DebugLog.of(DetachedDelete.class).debug("deleting {} in the background (pid {})", folder, p.pid());
    } catch (IOException e) {
      // the folder stays where it is, and the next wt command or wt gc deletes it
      dev.wt.port.DebugLog.of(DetachedDelete.class).debug("cannot start the deletion of {}: {}", folder, e.getMessage());
    }
  }

  /** Whether the process named in the folder's pid file is alive and the deletion. */
  static boolean running(Path folder) {
    try {
      Path pidFile = pidFile(folder);
      if (!Files.isRegularFile(pidFile)) {
        return false;
      }
      long pid = Long.parseLong(RegularFiles.read(pidFile, RegularFiles.OWN).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .flatMap(h -> h.info().command())
          .map(DetachedDelete::deleting).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** rm, or nice or ionice about to become it (the shell execs through them, keeping the pid). */
  private static boolean deleting(String command) {
    String name = command.substring(command.lastIndexOf('/') + 1);
    return name.equals("rm") || name.equals("nice") || name.equals("ionice");
  }

  static Path pidFile(Path folder) {
    return folder.resolveSibling(folder.getFileName() + ".pid");
  }

  private static Optional<String> setsid() {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty(); // macOS: the rm still outlives wt, in wt's session
  }
}
