package dev.wt.adapter.fs;

import java.nio.file.Path;
import java.util.Map;

/** The user's wt state folder: {@code $XDG_STATE_HOME/wt}, else {@code ~/.local/state/wt}. */
public final class UserStateDir {

  private UserStateDir() {}

  /** The folder for the user of {@code env}; null when there is no home to keep it in. */
  public static Path of(Map<String, String> env) {
    String state = env.get("XDG_STATE_HOME");
    String home = env.get("HOME");
    Path base = state != null && !state.isBlank() ? Path.of(state)
        : home != null && !home.isBlank() ? Path.of(home, ".local", "state") : null;
    return base == null ? null : base.resolve("wt");
  }
}
