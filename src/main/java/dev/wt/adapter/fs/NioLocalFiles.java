package dev.wt.adapter.fs;

import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link LocalFiles} on java.nio. */
public final class NioLocalFiles implements LocalFiles {

  @Override
  public boolean isDirectory(Path p) {
    return Files.isDirectory(p);
  }

  @Override
  public boolean isRealDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isFile(Path p) {
    return Files.isRegularFile(p);
  }

  @Override
  public boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isSymlink(Path p) {
    return Files.isSymbolicLink(p);
  }

  @Override
  public Optional<String> fileKey(Path p) {
    try {
      Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
      return key == null ? Optional.empty() : Optional.of(key.toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(RegularFiles.read(file, RegularFiles.FOLLOWED));
    } catch (java.nio.file.NoSuchFileException | RegularFiles.NotRegular e) {
      return Optional.empty(); // a FIFO in its place holds no text, and opening it would wait forever
    } catch (java.nio.file.FileSystemException e) {
      if (!Files.isRegularFile(file)) {
        return Optional.empty(); // a path through a file, a link loop: nothing to read there, as callers expect
      }
      throw e;
    }
  }

  @Override
  public Optional<String> sha256(Path file) throws IOException {
    // a FIFO or device is never opened: reading one could wait forever
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    dev.wt.core.Sha sha = dev.wt.core.Sha.sha256();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(java.util.HexFormat.of().formatHex(sha.digest()));
  }

  @Override
  public void append(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public void replace(Path file, String text) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".wt-" + ProcessHandle.current().pid());
    Files.writeString(aside, text);
    Files.move(aside, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public void copyNew(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    // a data file, never a program: a committed seed with its exec bit set must not become one a
    // variable wt exports (the database's path) could have a tool run
    try {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(target);
      if (perms.removeAll(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE,
          java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE,
          java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE))) {
        Files.setPosixFilePermissions(target, perms);
      }
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here (Windows): nothing to take away
    }
  }

  @Override
  public void createEmpty(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.createFile(file);
  }

  @Override
  public boolean deleteIfExists(Path p) throws IOException {
    return Files.deleteIfExists(p);
  }

  @Override
  public List<Path> filesBelow(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  @Override
  public List<Path> foldersIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  @Override
  public void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  @Override
  public List<Path> entriesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Override
  public Optional<java.time.Instant> modified(Path p) {
    try {
      return Optional.of(Files.getLastModifiedTime(p).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Spot spot(Path p, boolean followLinks) throws IOException {
    LinkOption[] how = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    if (!Files.exists(p, how)) {
      return Spot.MISSING;
    }
    if (!Files.isDirectory(p, how)) {
      return Spot.NOT_A_FOLDER;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isPresent() ? Spot.FOLDER_WITH_ENTRIES : Spot.EMPTY_FOLDER;
    }
  }

  @Override
  public void writeNew(Path file, String text) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
  }
}
