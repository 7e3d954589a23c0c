package dev.wt.adapter.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the files wt expects to be plain files (state records, approvals, port claims, wt.toml):
 * anything else in their place is refused before it is opened, as opening a FIFO to read waits
 * for a writer forever and a device may never end.
 */
final class RegularFiles {

  /** {@link #read} with this refuses a symbolic link too: for the files only wt writes, by rename. */
  static final LinkOption[] OWN = {LinkOption.NOFOLLOW_LINKS};
  /** {@link #read} with this follows a symbolic link to a plain file: for the files users write. */
  static final LinkOption[] FOLLOWED = {};

  private RegularFiles() {}

  /** A file that is there but is not a plain file; its message says what it is instead. */
  static final class NotRegular extends FileSystemException {

    NotRegular(Path file, String kind) {
      super(file.toString(), null, "not a regular file (" + kind + ")");
    }

    @Override
    public String getMessage() {
      return getReason(); // the callers name the file themselves
    }
  }

  /** The text of {@code file}, UTF-8 (malformed input is a {@link java.nio.charset.CharacterCodingException}). */
  static String read(Path file, LinkOption... links) throws IOException {
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes(file, links))).toString();
  }

  /**
   * The bytes of {@code file}; {@link java.nio.file.NoSuchFileException} when there is none,
   * {@link NotRegular} when what is there is not a plain file (with {@link #OWN}, a link neither).
   */
  static byte[] bytes(Path file, LinkOption... links) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, links);
    if (!a.isRegularFile()) {
      throw new NotRegular(file, kind(file));
    }
    // O_NOFOLLOW too: a link put there since the check is not followed into a FIFO
    Set<OpenOption> options = links.length == 0 ? Set.of(StandardOpenOption.READ)
        : Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, options))) {
      return in.readAllBytes();
    }
  }

  /** What is at {@code p}, for a message: a folder, a device or FIFO, a symlink to one, a broken symlink. */
  static String kind(Path p) {
    Optional<BasicFileAttributes> own = attributes(p, LinkOption.NOFOLLOW_LINKS);
    if (own.isEmpty()) {
      return "nothing";
    }
    if (!own.get().isSymbolicLink()) {
      return describe(own.get());
    }
    return attributes(p).map(target -> "a symlink to " + describe(target)).orElse("a broken symlink");
  }

  private static String describe(BasicFileAttributes a) {
    return a.isDirectory() ? "a folder" : a.isRegularFile() ? "a file" : "a device or FIFO";
  }

  private static Optional<BasicFileAttributes> attributes(Path p, LinkOption... links) {
    try {
      return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, links));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
