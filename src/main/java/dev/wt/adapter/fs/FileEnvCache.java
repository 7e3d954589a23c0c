package dev.wt.adapter.fs;

import dev.wt.core.StateLayout;
import dev.wt.port.EnvCache;
import dev.wt.port.GitFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EnvCache} as {@code <worktree git dir>/wt-env}: a header naming the record file and the
 * configuration files with their modification times, then one {@code KEY=value} per line. Any
 * change to those files (edit, creation, deletion) makes the cache stale. Reads no JSON and no TOML.
 */
public final class FileEnvCache implements EnvCache {

  static final String FILE = "wt-env";
  // 2: caches from before [env.vars] needed approval may hold unapproved variables
  private static final String MAGIC = "# wt env cache 2";
  private static final String INPUT = "# input ";
  private static final GitFiles GIT_FILES = new GitFiles(new NioLocalFiles());

  /** Where a worktree's git files are, found by reading them. */
  private record Location(Path gitDir, Path commonDir, String slug) {}

  @Override
  public Optional<Lookup> read(Path dir) {
    Path root = GIT_FILES.checkoutRootOf(dir);
    if (root == null) {
      return Optional.empty();
    }
    if (GIT_FILES.isMainCheckout(root)) {
      return Optional.of(new Lookup(true, Optional.empty()));
    }
    Location loc = locate(root);
    return loc == null ? Optional.empty() : Optional.of(new Lookup(false, cached(loc)));
  }

  @Override
  public void write(Path dir, String slug, Map<String, String> variables, List<Path> inputs) {
    Path root = GIT_FILES.checkoutRootOf(dir);
    Location loc = root == null ? null : locate(root);
    if (loc == null || !loc.slug().equals(slug)) {
      return;
    }
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    List<Path> all = new ArrayList<>();
    all.add(recordFile(loc));
    all.addAll(inputs);
    for (Path p : all) {
      text.append(INPUT).append(stamp(p)).append(' ').append(escape(p.toString())).append('\n');
    }
    variables.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    Path target = loc.gitDir().resolve(FILE);
    try {
      Path tmp = TempFiles.create(loc.gitDir(), "." + FILE, ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // only a cache: the next wt env computes the variables again
    }
  }

  private static Optional<Map<String, String>> cached(Location loc) {
    List<String> lines;
    try {
      lines = RegularFiles.read(loc.gitDir().resolve(FILE), RegularFiles.OWN).lines().toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      return Optional.empty();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    boolean sawRecord = false;
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith(INPUT)) {
        String rest = line.substring(INPUT.length());
        int space = rest.indexOf(' ');
        Path p = Path.of(unescape(rest.substring(space + 1)));
        if (!rest.substring(0, space).equals(stamp(p))) {
          return Optional.empty();
        }
        sawRecord |= p.equals(recordFile(loc));
      } else {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          return Optional.empty();
        }
        vars.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
      }
    }
    return sawRecord ? Optional.of(vars) : Optional.empty();
  }

  /** The record's file in {@link JsonStateStore}'s layout. */
  private static Path recordFile(Location loc) {
    return StateLayout.record(loc.commonDir(), loc.slug());
  }

  /** Modification time in nanoseconds and size, or {@code absent}. */
  private static String stamp(Path p) {
    try {
      FileTime t = Files.getLastModifiedTime(p);
      return t.to(java.util.concurrent.TimeUnit.NANOSECONDS) + ":" + Files.size(p);
    } catch (IOException e) {
      return "absent";
    }
  }

  private static Location locate(Path root) {
    Path gitDir = GIT_FILES.gitDirOf(root);
    Path common = gitDir == null ? null : GIT_FILES.commonDirOf(gitDir);
    if (common == null) {
      return null;
    }
    try {
      Optional<String> slug = GIT_FILES.readMarker(gitDir); // no lambda: see GitFiles.gitDirOf
      return slug.isPresent() ? new Location(gitDir, common, slug.get()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
