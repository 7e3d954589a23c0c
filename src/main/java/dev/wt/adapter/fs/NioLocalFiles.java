package dev.wt.adapter.fs;

import dev.wt.port.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  public Optional<String> read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
  }

  @Override
  public void append(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public List<Path> filesBelow(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }
}
