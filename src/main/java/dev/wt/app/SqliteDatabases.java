package dev.wt.app;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** SQLite as a second engine: a database file per worktree, empty or copied from a source file. */
final class SqliteDatabases {

  OwnedDatabase provision(Repo repo, WorktreeRecord record, DatabasePlan plan, OwnedDatabase previous,
      Reporter reporter) {
    var c = plan.config();
    Path worktree = Path.of(record.path());
    String rel = c.path() != null ? c.path() : c.name() + ".sqlite";
    Path file = RealPaths.inside(worktree, rel, "create the database file").normalize();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(plan.urlVar(), file.toString());
    OwnedDatabase owned = new OwnedDatabase(c.name(), "sqlite", "file", file.toString(), "", 0, "", c.fill(), vars);
    if (Files.exists(file)) {
      reporter.unchanged("database " + rel + ": exists");
      return owned;
    }
    try {
      Files.createDirectories(file.getParent());
      if (c.sourceFile() != null) {
        Path source = repo.main().resolve(c.sourceFile());
        if (!Files.isRegularFile(source)) {
          throw WtException.refused("databases." + c.name() + ".source_file " + source + " does not exist",
              "create it in the main worktree or remove source_file to start empty");
        }
        Files.copy(source, file, StandardCopyOption.COPY_ATTRIBUTES);
        reporter.done("database " + rel + ": copied from " + c.sourceFile());
      } else {
        // a zero-byte file is a valid empty SQLite database
        Files.createFile(file);
        reporter.done("database " + rel + ": created empty");
      }
    } catch (IOException e) {
      throw WtException.environment("cannot create " + file + ": " + e.getMessage(), "check the folder's permissions");
    }
    return owned;
  }

  void release(Path worktree, OwnedDatabase d, Reporter reporter) {
    Path file = Path.of(d.database());
    if (!file.startsWith(worktree) || !RealPaths.contained(worktree, worktree.relativize(file).toString())) {
      reporter.warn("database " + file + ": left alone, it is not inside the worktree " + worktree);
      return;
    }
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(Path.of(d.database() + suffix));
      }
      reporter.done("database " + file.getFileName() + ": removed");
    } catch (IOException e) {
      throw WtException.environment("cannot remove " + file + ": " + e.getMessage(), "remove it by hand");
    }
  }
}
