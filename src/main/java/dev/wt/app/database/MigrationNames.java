package dev.wt.app.database;

import dev.wt.port.LocalFiles;
import dev.wt.port.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable names for what migration tables hold, from the migration files in a worktree:
 * drizzle's hash becomes the journal's tag ({@code meta/_journal.json}: by {@code when} =
 * {@code created_at}, else by the SQL file's SHA-256), an alembic revision or a Rails /
 * golang-migrate version gets the rest of its file name. Anything not found stays as stored.
 */
final class MigrationNames {

  /** Folders never searched: dependencies and build output hold other projects' migrations. */
  private static final Set<String> SKIP = Set.of("node_modules", ".git", "vendor", "target", "build", "dist",
      ".venv", "venv", ".next", ".wrangler", "__pycache__", ".cache");
  private static final int DEPTH = 5;
  private static final Pattern ENTRY = Pattern.compile("\\{[^{}]*}");
  private static final Pattern TAG = Pattern.compile("\"tag\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern WHEN = Pattern.compile("\"when\"\\s*:\\s*(\\d+)");

  private final LocalFiles disk;
  private final Path root;
  private List<Path> folders;

  MigrationNames(LocalFiles disk, Path root) {
    this.disk = disk;
    this.root = root;
  }

  /** The readable name of {@code m}'s last migration, or what the table holds. */
  String name(Postgres.Migration m) {
    if (m.last() == null || m.last().startsWith("(")) {
      return m.last();
    }
    try {
      Optional<String> found = switch (m.tool()) {
        case "drizzle" -> drizzleTag(m.last(), m.appliedAt());
        case "alembic", "schema_migrations" -> fileNamed(m.last());
        default -> Optional.empty();
      };
      return found.orElse(m.last());
    } catch (IOException | RuntimeException e) {
      return m.last(); // a name is a nicety: the stored value is still true
    }
  }

  private Optional<String> drizzleTag(String hash, String createdAt) throws IOException {
    for (Path dir : folders()) {
      Path journal = dir.resolve("meta/_journal.json");
      Optional<String> text = disk.read(journal);
      if (text.isEmpty()) {
        continue;
      }
      Matcher e = ENTRY.matcher(text.get());
      while (e.find()) {
        Matcher tag = TAG.matcher(e.group());
        if (!tag.find()) {
          continue;
        }
        Matcher when = WHEN.matcher(e.group());
        if (createdAt != null && when.find() && when.group(1).equals(createdAt.strip())) {
          return Optional.of(tag.group(1));
        }
        Optional<String> sql = disk.read(dir.resolve(tag.group(1) + ".sql"));
        if (sql.isPresent() && sha256(sql.get()).equalsIgnoreCase(hash)) {
          return Optional.of(tag.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code <version>_<name>.<ext>} in a migrations folder: alembic's versions/, Rails' db/migrate/, ... */
  private Optional<String> fileNamed(String version) throws IOException {
    String prefix = version.strip() + "_";
    for (Path dir : folders()) {
      String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
      if (!n.equals("versions") && !n.equals("migrate") && !n.equals("migrations")) {
        continue;
      }
      for (Path f : disk.filesBelow(dir)) {
        String file = f.getFileName().toString();
        if (f.getParent().equals(dir) && file.startsWith(prefix)) {
          String rest = file.substring(prefix.length()).replaceFirst("(\\.up)?\\.(py|rb|sql)$", "");
          return Optional.of(version.strip() + " " + rest);
        }
      }
    }
    return Optional.empty();
  }

  /** The worktree's folders, breadth first, without dependencies and build output. */
  private List<Path> folders() throws IOException {
    if (folders == null) {
      List<Path> out = new ArrayList<>();
      List<Path> level = List.of(root);
      for (int depth = 0; depth <= DEPTH && !level.isEmpty(); depth++) {
        out.addAll(level);
        List<Path> next = new ArrayList<>();
        for (Path dir : level) {
          for (Path sub : disk.foldersIn(dir)) {
            if (!SKIP.contains(sub.getFileName().toString())) {
              next.add(sub);
            }
          }
        }
        level = next;
      }
      folders = out;
    }
    return folders;
  }

  static String sha256(String text) {
    return dev.wt.core.Sha.sha256Hex(text);
  }
}
