package dev.wt.app.resource;

import dev.wt.core.DbEngine;
import dev.wt.core.DbFill;
import dev.wt.core.ServerMode;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.SqliteFile;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.LocalFiles;
import dev.wt.port.RealPaths;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.wt.app.Repo;

/**
 * SQLite as a second engine: a database file per worktree, empty or copied from a source file.
 * Ownership is recorded, never guessed: wt deletes only a file it made, and never adopts one that a
 * symlink leads to outside the worktree (another checkout's database).
 */
public final class SqliteDatabases {

  private final LocalFiles disk;

  public SqliteDatabases(LocalFiles disk) {
    this.disk = disk;
  }

  OwnedDatabase provision(Repo repo, WorktreeRecord record, DatabasePlan plan, OwnedDatabase previous,
      Reporter reporter) {
    var c = plan.config();
    Path worktree = Path.of(record.path());
    String rel = c.path() != null ? c.path() : c.name() + ".sqlite";
    Path file = worktree.resolve(rel).normalize();
    Path real = insideWorktree(worktree, file, rel, c.name());
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(plan.urlVar(), file.toString());
    if (disk.exists(file)) {
      SqliteFile known = previous != null && previous.database().equals(file.toString()) ? previous.file() : null;
      boolean legacy = previous != null && previous.database().equals(file.toString()) && known == null;
      SqliteFile now;
      if (legacy || known != null && known.madeByWt() && sameFile(known, real)) {
        // a record from before ownership was kept: the file it names, inside the worktree, is the one wt made
        now = new SqliteFile(real.toString(), fileKey(real), true);
        reporter.unchanged("database " + rel + ": exists");
      } else {
        now = new SqliteFile(real.toString(), fileKey(real), false);
        String why = known == null ? "it was there before wt set this worktree up" : "it is not the file wt made";
        if (known != null && !known.madeByWt()) {
          reporter.unchanged("database " + rel + ": exists, not wt's (kept at teardown)");
        } else {
          reporter.warn("database " + rel + ": exists and " + why + "; used as it is, and kept at teardown");
        }
      }
      return owned(c.name(), file, c.fillType(), vars, now);
    }
    try {
      if (c.sourceFile() != null) {
        Path source = dev.wt.port.RealPaths.readableInside(repo.main(), c.sourceFile(), "databases." + c.name() + ".source_file");
        if (!disk.isFile(source)) {
          throw WtException.refused("databases." + c.name() + ".source_file " + source + " does not exist",
              "create it in the main worktree or remove source_file to start empty");
        }
        disk.copyNew(source, file);
        reporter.done("database " + rel + ": copied from " + c.sourceFile());
      } else {
        // a zero-byte file is a valid empty SQLite database
        disk.createEmpty(file);
        reporter.done("database " + rel + ": created empty");
      }
    } catch (IOException e) {
      throw WtException.environment("cannot create " + file + ": " + e.getMessage(), "check the folder's permissions");
    }
    return owned(c.name(), file, c.fillType(), vars, new SqliteFile(RealPaths.of(file).toString(), fileKey(file), true));
  }

  private static OwnedDatabase owned(String name, Path file, DbFill fill, Map<String, String> vars, SqliteFile f) {
    return new OwnedDatabase(name, DbEngine.SQLITE, ServerMode.FILE, file.toString(), "", 0, "", fill, vars, f);
  }

  /** The file's real path; refused when the path, or a symlink on the way, leads out of the worktree. */
  private static Path insideWorktree(Path worktree, Path file, String rel, String name) {
    RealPaths.inside(worktree, rel, "create the database file"); // the folders on the way
    Path real = RealPaths.of(file);
    if (!real.startsWith(RealPaths.of(worktree))) { // the file itself: a link would make main's data this worktree's
      throw WtException.refused("refusing to use the database file " + rel + ": it is a symlink to " + real
              + ", outside the worktree " + worktree,
          "replace the link with a real file in this worktree, or set databases." + name + ".path to a path inside it");
    }
    return real;
  }

  /**
   * Deletes the file (and its -wal, -shm, -journal) only when wt made it and it is still that file
   * at that real path; anything else is kept and said so. Returns false when it kept the file.
   */
  public boolean release(OwnedDatabase d, String worktree, Reporter reporter) {
    Path file = Path.of(d.database());
    if (!disk.exists(file)) {
      reporter.unchanged("database " + file.getFileName() + ": already gone");
      return true;
    }
    SqliteFile f = d.file();
    Path real = RealPaths.of(file);
    String keep = null;
    if (f != null && !f.madeByWt()) {
      keep = "wt did not make it";
    } else if (disk.isSymlink(file) || !real.startsWith(RealPaths.of(Path.of(worktree)))) {
      keep = "it now leads out of the worktree, to " + real;
    } else if (f != null && !sameFile(f, real)) {
      keep = "it is not the file wt made (it was replaced)";
    }
    if (keep != null) {
      reporter.unchanged("database " + file + ": kept, " + keep);
      return false;
    }
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        disk.deleteIfExists(Path.of(d.database() + suffix));
      }
      reporter.done("database " + file.getFileName() + ": removed");
      return true;
    } catch (IOException e) {
      throw WtException.environment("cannot remove " + file + ": " + e.getMessage(), "remove it by hand");
    }
  }

  private boolean sameFile(SqliteFile known, Path real) {
    String key = fileKey(real);
    return known.realPath().equals(real.toString()) && (known.fileKey() == null || known.fileKey().equals(key));
  }

  /** The file system's identity of a file (device and inode on Unix); null where there is none. */
  private String fileKey(Path p) {
    return disk.fileKey(p).orElse(null);
  }

  /** SQLite files wt made are wt's files too: listed so the dirty check skips them and git ignores them. */
  static WorktreeRecord withSqliteFiles(WorktreeRecord record) {
    List<dev.wt.core.GeneratedFile> files = new ArrayList<>(record.files());
    java.nio.file.Path root = java.nio.file.Path.of(record.path());
    for (OwnedDatabase d : record.databases()) {
      // a file that was there before setup is the user's: not listed, so down treats it as theirs
      if (!d.postgres() && (d.file() == null || d.file().madeByWt())) {
        String rel = root.relativize(java.nio.file.Path.of(d.database())).toString();
        if (record.file(rel).isEmpty()) {
          files.add(new dev.wt.core.GeneratedFile(rel, dev.wt.core.GeneratedFile.Kind.DATABASE, null));
        }
      }
    }
    return record.withFiles(files);
  }
}
