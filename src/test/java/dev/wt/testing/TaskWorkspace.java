package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A workspace of two repositories, backend (the tasks' primary) and app, for tests of tasks across them. */
public final class TaskWorkspace {

  private TaskWorkspace() {}

  /**
   * Makes {@code parent/ws} with the repositories backend and app, each committing a wt.toml of
   * {@code config} under the project {@code prefix + "back"} and {@code prefix + "app"}, and the
   * wt-workspace.toml naming backend the primary; returns the workspace folder.
   */
  public static Path create(Path parent, String prefix, String config) {
    Path ws = parent.resolve("ws");
    GitRepo.create(ws, "backend").write("wt.toml", "project = \"" + prefix + "back\"\n" + config).commitAll("cfg");
    GitRepo.create(ws, "app").write("wt.toml", "project = \"" + prefix + "app\"\n" + config).commitAll("cfg");
    try {
      Files.writeString(ws.resolve("wt-workspace.toml"), "primary = \"backend\"\n[repos]\nbackend = \"backend\"\napp = \"app\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ws;
  }
}
