package dev.wt.adapter.fs;

import dev.wt.adapter.process.Exec;
import dev.wt.core.WtException;
import dev.wt.port.FileTrees;
import dev.wt.port.RealPaths;
import dev.wt.port.WorktreeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@link WorktreeFiles} on the local file system; copies use the platform's copy-on-write clone. */
public final class LocalWorktreeFiles implements WorktreeFiles {

  private static final boolean MAC = System.getProperty("os.name", "").toLowerCase().contains("mac");
  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);

  @Override
  public Result symlink(Path source, Path worktree, String rel) {
    Path target = RealPaths.inside(worktree, rel, "link");
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      return new Result(Outcome.SKIPPED, null, "missing in the main worktree");
    }
    Path link = target.getParent().relativize(source);
    try {
      if (Files.isSymbolicLink(target)) {
        Path current = Files.readSymbolicLink(target);
        if (current.equals(link) || target.getParent().resolve(current).normalize().equals(source.normalize())) {
          return new Result(Outcome.UNCHANGED, linkPrint(current), "already linked");
        }
        return new Result(Outcome.SKIPPED, null, "a different symlink is there; left alone");
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return new Result(Outcome.SKIPPED, null, "a file is already there; left alone");
      }
      Files.createDirectories(target.getParent());
      Files.createSymbolicLink(target, link);
      return new Result(Outcome.CREATED, linkPrint(link), "linked");
    } catch (IOException e) {
      throw failed("link " + target, e);
    }
  }

  @Override
  public Result copy(Path source, Path worktree, String rel) {
    Path target = RealPaths.inside(worktree, rel, "copy to");
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      return new Result(Outcome.SKIPPED, null, "missing in the main worktree");
    }
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          return new Result(Outcome.UNCHANGED, null, "already there");
        }
        Optional<String> now = fingerprint(target);
        Optional<String> wanted = fingerprint(source);
        return now.equals(wanted)
            ? new Result(Outcome.UNCHANGED, now.orElse(null), "already there")
            : new Result(Outcome.SKIPPED, null, "a different file is already there; left alone");
      }
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(".wt-copy-" + target.getFileName());
      FileTrees.delete(tmp); // left over from an interrupted run
      if (!MAC && BtrfsSnapshot.copy(source, tmp)) {
        move(tmp, target);
        return new Result(Outcome.CREATED, null, "copied (Btrfs snapshot)");
      }
      List<String> cmd = new ArrayList<>(MAC ? List.of("cp", "-cpR") : List.of("cp", "-a", "--reflink=auto"));
      cmd.add("--");
      cmd.add(source.toString());
      cmd.add(tmp.toString());
      Exec.Result r = Exec.run(cmd, null, Map.of(), COPY_TIMEOUT);
      if (!r.ok() && MAC) {
        r = Exec.run(List.of("cp", "-pR", "--", source.toString(), tmp.toString()), null, Map.of(), COPY_TIMEOUT);
      }
      if (!r.ok()) {
        FileTrees.delete(tmp);
        throw WtException.environment("cannot copy " + source + ": " + r.stderr().strip(),
            "check free disk space and permissions");
      }
      move(tmp, target);
      boolean dir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
      return new Result(Outcome.CREATED, dir ? null : fingerprint(target).orElse(null), "copied");
    } catch (IOException e) {
      throw failed("copy to " + target, e);
    }
  }

  @Override
  public Result writeGenerated(Path worktree, String rel, String content, boolean privateMode, String owned,
      boolean force) {
    Path target = RealPaths.inside(worktree, rel, "write");
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String wanted = sha256(bytes);
    try {
      boolean isLink = Files.isSymbolicLink(target);
      boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (exists && !isLink) {
        String now = fingerprint(target).orElse("");
        if (now.equals(wanted)) {
          return new Result(Outcome.UNCHANGED, wanted, "up to date");
        }
        if (!force && !now.equals(owned)) {
          return new Result(Outcome.SKIPPED, now, owned == null
              ? "a file wt did not write is there; left alone (--force replaces it)"
              : "edited since wt wrote it; left alone (--force replaces it)");
        }
      }
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(".wt-write-" + target.getFileName());
      Files.deleteIfExists(tmp);
      FileAttribute<Set<PosixFilePermission>> mode =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(privateMode ? "rw-------" : "rw-r--r--"));
      try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      // the rename replaces a symlink at the target instead of writing through it
      move(tmp, target);
      return new Result(exists ? Outcome.UPDATED : Outcome.CREATED, wanted,
          isLink ? "replaced a symlink with a real file" : exists ? "updated" : "written");
    } catch (IOException e) {
      throw failed("write " + target, e);
    }
  }

  @Override
  public Optional<String> fingerprint(Path path) {
    try {
      if (Files.isSymbolicLink(path)) {
        return Optional.of(linkPrint(Files.readSymbolicLink(path)));
      }
      if (!Files.exists(path)) {
        return Optional.empty();
      }
      if (Files.isDirectory(path)) {
        return Optional.of("dir");
      }
      if (!Files.isRegularFile(path)) {
        return Optional.of("special"); // a FIFO or socket holds no content, and opening a FIFO would wait forever
      }
      dev.wt.core.Sha md = dev.wt.core.Sha.sha256();
      try (InputStream in = Files.newInputStream(path)) {
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          md.update(buffer, 0, n);
        }
      }
      return Optional.of(HexFormat.of().formatHex(md.digest()));
    } catch (IOException e) {
      throw failed("read " + path, e);
    }
  }

  @Override
  public boolean deleteIfUnchanged(Path worktree, String rel, String sha256) {
    if (!RealPaths.contained(worktree, rel)) {
      return false; // what wt once wrote there is not its to delete through someone's symlink
    }
    Path path = worktree.resolve(rel).normalize();
    Optional<String> now = fingerprint(path);
    if (now.isEmpty() || sha256 == null || !now.get().equals(sha256)) {
      return false;
    }
    try {
      return Files.deleteIfExists(path);
    } catch (IOException e) {
      throw failed("delete " + path, e);
    }
  }

  @Override
  public int moveAway(Path source, Path target) {
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new java.nio.file.FileAlreadyExistsException(target.toString()); // rename would replace it
      }
      int files = countFiles(source);
      Files.createDirectories(target.getParent());
      try {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
        // another file system: a copy that is complete before the original goes
        copyTree(source, target);
        FileTrees.delete(source);
      }
      return files;
    } catch (IOException e) {
      throw failed("move " + source + " to " + target, e);
    }
  }

  @Override
  public boolean moveAside(Path source, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      return false; // another file system, or in use: the caller removes it the slow way
    }
  }

  @Override
  public boolean plainTree(Path tree) {
    return SpareTrees.plain(tree);
  }

  @Override
  public void deleteDetached(Path folder) {
    DetachedDelete.start(folder);
  }

  private static int countFiles(Path p) throws IOException {
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return 1;
    }
    try (Stream<Path> all = Files.walk(p)) {
      return (int) all.filter(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)).count();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(to);
      try (Stream<Path> children = Files.list(from)) {
        for (Path c : (Iterable<Path>) children::iterator) {
          copyTree(c, to.resolve(c.getFileName().toString()));
        }
      }
    } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(from)) {
      Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    } // a FIFO or socket holds no data (reading a FIFO would wait forever): whatever made it makes it again
  }

  /** Replaces {@code to} with {@code from} in one rename where the filesystem allows. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String linkPrint(Path link) {
    return "link:" + link;
  }

  static String sha256(byte[] bytes) {
    return dev.wt.core.Sha.sha256Hex(bytes);
  }

  private static WtException failed(String what, IOException e) {
    return WtException.environment("cannot " + what + ": " + e, "check permissions and free disk space");
  }
}
