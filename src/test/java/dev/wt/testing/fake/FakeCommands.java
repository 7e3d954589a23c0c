package dev.wt.testing.fake;

import dev.wt.port.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs no shell: records each command with its folder, and exits 0 unless told otherwise. */
public final class FakeCommands implements CommandRunner {

  private final List<String> ran = new ArrayList<>();
  private final Map<String, Integer> exits = new HashMap<>();

  /** {@code command} exits with {@code code} from now on. */
  public synchronized void exits(String command, int code) {
    exits.put(command, code);
  }

  /** Every command run, in order. */
  public synchronized List<String> ran() {
    return List.copyOf(ran);
  }

  @Override
  public synchronized int runShell(String command, Path dir, Map<String, String> env, Consumer<String> lines) {
    ran.add(command);
    return exits.getOrDefault(command, 0);
  }
}
