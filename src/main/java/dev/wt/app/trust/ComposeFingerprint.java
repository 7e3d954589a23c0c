package dev.wt.app.trust;

import dev.wt.core.ComposeReferences;
import dev.wt.core.Dotenv;
import dev.wt.core.Sha;
import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a compose file runs, as far as wt can see it without docker: the file's hash and the hashes
 * of every local file it can pull in (the {@code .env} docker reads for substitution, and every file
 * a word of a compose, env or Dockerfile names, with a named folder's {@code Dockerfile}), followed
 * from file to file; plus the remote sources an {@code include} names, which no hash can cover.
 *
 * @param fileHash the compose file's own SHA-256
 * @param used each file pulled in, by its path relative to the folder compose runs in, with its SHA-256
 * @param remote remote {@code include} sources: the file must not run
 */
record ComposeFingerprint(String fileHash, SortedMap<String, String> used, List<String> remote) {

  /** Files followed at most: a bound on the work, reached only by a file naming hundreds of others. */
  private static final int MAX_FILES = 500;

  /** Only files of these kinds are read for further names; any other file pulled in is hashed only. */
  private static boolean readsFurther(Path p) {
    String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json") || name.startsWith(".env")
        || name.endsWith(".env") || name.contains("dockerfile") || name.contains("containerfile");
  }

  ComposeFingerprint {
    used = new TreeMap<>(used);
    remote = List.copyOf(remote);
  }

  /**
   * The fingerprint of {@code file} (relative to {@code base}, the folder compose runs in), variables
   * valued from {@code vars} then the {@code .env} beside it; empty when the file cannot be read.
   * Only files inside {@code base} count: anything else is not the repository's to change.
   */
  static Optional<ComposeFingerprint> of(LocalFiles disk, Path base, String file, Map<String, String> vars,
      java.util.function.Predicate<Path> tracked) {
    Path root = base.toAbsolutePath().normalize();
    Path compose;
    String text;
    try {
      compose = root.resolve(file).normalize();
      Optional<String> read = disk.read(compose);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      text = read.get();
    } catch (IOException | InvalidPathException e) {
      return Optional.empty();
    }
    String dotenv = readText(disk, compose.resolveSibling(".env")).orElse("");
    Function<String, String> value = name -> vars.containsKey(name) ? vars.get(name)
        : Dotenv.value(dotenv, name).orElse(null);
    Walk walk = new Walk(disk, root, compose, value, tracked);
    walk.enqueue(compose.resolveSibling(".env"));
    walk.enqueue(root.resolve(".env"));
    walk.scan(compose, text);
    walk.run();
    return Optional.of(new ComposeFingerprint(Sha.sha256Hex(text), walk.used, walk.remote));
  }

  /**
   * The text the approval shows: the file's hash, then the files it pulls in with one hash over
   * their names and hashes. A file that pulls nothing in reads as before ({@code sha256 <hash>}).
   */
  String describe() {
    StringBuilder out = new StringBuilder("sha256 ").append(fileHash);
    if (!used.isEmpty()) {
      Sha all = Sha.sha256();
      used.forEach((name, hash) -> all.update((name + "\0" + hash + "\n").getBytes(StandardCharsets.UTF_8)));
      out.append("; with ").append(String.join(", ", used.keySet())).append(": sha256 ")
          .append(HexFormat.of().formatHex(all.digest()));
    }
    if (!remote.isEmpty()) {
      out.append("; remote include ").append(String.join(", ", remote)).append(" (cannot be approved)");
    }
    return out.toString();
  }

  private static Optional<String> readText(LocalFiles disk, Path p) {
    try {
      return disk.read(p);
    } catch (IOException e) {
      return Optional.empty(); // not UTF-8 text: hashed, not read for names
    }
  }

  /** Follows names from file to file, breadth first in sorted order, so the same files give the same result. */
  private static final class Walk {
    private final LocalFiles disk;
    private final Path root;
    private final Function<String, String> value;
    private final Deque<Path> queue = new ArrayDeque<>();
    /** Whether git tracks a file: only those are the repository's (a .env wt or the user wrote is not). */
    private final java.util.function.Predicate<Path> tracked;
    private final Set<Path> seen = new HashSet<>();
    final SortedMap<String, String> used = new TreeMap<>();
    final List<String> remote = new ArrayList<>();

    Walk(LocalFiles disk, Path root, Path compose, Function<String, String> value,
        java.util.function.Predicate<Path> tracked) {
      this.tracked = tracked;
      this.disk = disk;
      this.root = root;
      this.value = value;
      seen.add(compose);
    }

    void run() {
      while (!queue.isEmpty() && used.size() < MAX_FILES) {
        Path p = queue.poll();
        String hash;
        try {
          hash = disk.sha256(p).orElse(null);
        } catch (IOException e) {
          hash = "unreadable"; // still named: a file becoming readable changes the digest
        }
        if (hash == null) {
          continue;
        }
        used.put(root.relativize(p).toString(), hash);
        if (readsFurther(p)) {
          readText(disk, p).ifPresent(t -> scan(p, t));
        }
      }
    }

    /** Queues every file a word of {@code text} names, relative to its folder, the root or a folder it names. */
    void scan(Path file, String text) {
      for (String r : ComposeReferences.remoteIncludes(text, value)) {
        if (!remote.contains(r)) {
          remote.add(r);
        }
      }
      Set<String> words = ComposeReferences.words(text, value);
      List<Path> dirs = new ArrayList<>(List.of(file.getParent(), root));
      // a build context's dockerfile: is relative to the context, a folder the same file names
      for (String w : words) {
        for (Path d : List.of(file.getParent(), root)) {
          Path c = inside(d, w);
          if (c != null && disk.isDirectory(c)) {
            enqueue(c.resolve("Dockerfile"));
            if (!dirs.contains(c)) {
              dirs.add(c);
            }
          }
        }
      }
      for (String w : words) {
        for (Path d : dirs) {
          Path c = inside(d, w);
          if (c != null) {
            enqueue(c);
          }
        }
      }
    }

    void enqueue(Path p) {
      if (p.startsWith(root) && seen.add(p) && disk.isFile(p) && tracked.test(p)) {
        queue.add(p);
      }
    }

    private Path inside(Path dir, String word) {
      try {
        Path c = dir.resolve(word).normalize();
        return c.startsWith(root) ? c : null;
      } catch (InvalidPathException e) {
        return null;
      }
    }
  }
}
