package dev.wt.adapter.fs;

import dev.wt.core.WtException;
import dev.wt.core.config.DatabasesConfig;
import dev.wt.core.config.WtConfig;
import dev.wt.port.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Strict TOML configuration: unknown keys and wrong types are errors naming file and key. */
public final class TomlConfigLoader implements ConfigLoader {

  /** Larger than any configuration: read whole, it could only exhaust the memory. */
  static final long MAX_BYTES = 4L << 20;

  /** Strict: unknown keys, wrong types and nulls are errors; keys are the components' names in snake_case. */
  private static final RecordBinding CONFIG = RecordBinding.strict().reading(DatabasesConfig.class, ConfigDatabases::read);

  @Override
  public WtConfig load(Path worktree, Path mainWorktree) {
    Path shared = find(worktree, mainWorktree, SHARED_FILE);
    Path local = find(worktree, mainWorktree, LOCAL_FILE);
    Map<String, Object> merged = new LinkedHashMap<>();
    String source = "defaults";
    for (Path file : new Path[] {shared, local}) {
      if (file == null) {
        continue;
      }
      Map<String, Object> tree = parse(file);
      bind(tree, file.toString());
      deepMerge(merged, tree);
      source = file.toString();
    }
    return bind(merged, shared != null && local != null ? shared + " + " + local : source);
  }

  @Override
  public Optional<UserFile> userFile(Path worktree, Path mainWorktree) {
    Path local = find(worktree, mainWorktree, LOCAL_FILE);
    return local == null ? Optional.empty() : Optional.of(new UserFile(local, bind(parse(local), local.toString())));
  }

  /** The file {@code name} in the worktree, else in the main worktree; null when neither has one. */
  static Path find(Path worktree, Path main, String name) {
    for (Path candidate : new Path[] {worktree.resolve(name), main.resolve(name)}) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        // a folder, FIFO, device or broken link: never skipped silently (the team's settings would
        // not apply), and never read (a FIFO would block, /dev/zero never ends)
        throw WtException.refused(candidate + " is not a regular file (" + RegularFiles.kind(candidate) + ")",
            "make " + name + " a TOML file, or move what is there away");
      }
    }
    return null;
  }

  private static Map<String, Object> parse(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw WtException.refused(file + " is " + Files.size(file) + " bytes; a wt configuration is a few hundred",
            "make " + file.getFileName() + " a TOML file of wt's keys (docs/config.md), or move what is there away");
      }
      // PlainToml skips a byte order mark, as some Windows editors write: not TOML syntax, no error either
      return PlainToml.parse(RegularFiles.read(file, RegularFiles.FOLLOWED));
    } catch (PlainToml.InvalidToml e) {
      throw WtException.refused("invalid TOML in " + file + ": " + e.getMessage(),
          "fix the syntax; docs/config.md lists every key with an example");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw WtException.refused(file + " is not UTF-8 text", "save it as UTF-8; TOML files are UTF-8");
    } catch (IOException e) {
      throw WtException.environment("cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
    }
  }

  private static WtConfig bind(Map<String, Object> tree, String where) {
    try {
      return CONFIG.read(tree, WtConfig.class);
    } catch (RecordBinding.Mismatch m) {
      if (!m.knownKeys().isEmpty()) {
        throw WtException.refused("unknown key '" + m.path() + "' in " + where,
            "known keys here: " + String.join(", ", m.knownKeys()) + " (see docs/config.md)");
      }
      if (m.refused()) {
        throw WtException.refused("invalid value in " + where + ": " + m.detail(),
            "see docs/config.md for what each key accepts");
      }
      throw WtException.refused("wrong type for key '" + m.path() + "' in " + where + ": " + m.detail(),
          "see docs/config.md for what each key accepts");
    }
  }

  /** {@code from}'s keys over {@code into}'s, table by table: wt.local.toml changes single keys of wt.toml. */
  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      if (into.get(e.getKey()) instanceof Map<?, ?> target && e.getValue() instanceof Map<?, ?> source) {
        deepMerge((Map<String, Object>) target, (Map<String, Object>) source);
      } else {
        into.put(e.getKey(), copy(e.getValue()));
      }
    }
  }

  /** A copy whose tables can be merged into without changing the file's own tree. */
  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> table) {
      Map<String, Object> out = new LinkedHashMap<>();
      deepMerge(out, (Map<String, Object>) table);
      return out;
    }
    return value;
  }
}
