package dev.wt.adapter.fs;

import dev.wt.core.RepositoryId;
import dev.wt.core.StateLayout;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The repository's id file ({@code <git common dir>/wt/id}): read when it is there, else made from
 * {@link SecureRandom}, written aside and hard-linked into place. A link is never made over an
 * existing file, so of two commands making it at once both end with the one that landed first, and
 * an id is never replaced. Anything but an id there is refused, never made again: the databases
 * marked with it would silently stop being this repository's.
 */
final class RepositoryIdFile {

  /** 128 bits. */
  private static final int BYTES = RepositoryId.MIN_CHARS / 2;

  private RepositoryIdFile() {}

  /** The id of the repository whose git common dir is {@code commonDir}; made when there is none yet. */
  static RepositoryId readOrCreate(Path commonDir) {
    Path file = StateLayout.id(commonDir);
    Optional<RepositoryId> there = read(file);
    if (there.isPresent()) {
      return there.get();
    }
    create(file);
    // ours, or the one another command linked in first
    return read(file).orElseThrow(() -> damaged(file, "it was removed while wt made it"));
  }

  /** The id in {@code file}; empty when there is none; refused when something else is there. */
  private static Optional<RepositoryId> read(Path file) {
    String text;
    try {
      text = RegularFiles.read(file, RegularFiles.OWN);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw damaged(file, e.getMessage());
    }
    Optional<RepositoryId> id = RepositoryId.parse(text);
    if (id.isEmpty()) {
      throw damaged(file, "it holds no repository id");
    }
    return id;
  }

  private static void create(Path file) {
    byte[] random = new byte[BYTES];
    new SecureRandom().nextBytes(random); // once per repository: the provider's start-up cost is paid once
    byte[] contents = new RepositoryId(HexFormat.of().formatHex(random)).contents().getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = TempFiles.create(file.getParent(), ".id", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(contents);
          while (buffer.hasRemaining()) {
            ch.write(buffer);
          }
          ch.force(true); // complete before it has its name: a crash never leaves an empty id
        }
        try {
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
          // another command made it first: that one is the repository's
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw WtException.environment("cannot make the repository id " + file + ": " + e.getMessage(),
          "make " + file.getParent() + " writable for you (and on a file system with hard links): wt keeps its "
              + "state there, and the id tells this repository's databases from those of another machine's");
    }
  }

  private static WtException damaged(Path file, String why) {
    return WtException.environment("cannot read the repository id " + file + ": " + why,
        "restore it (one line of 32 to 128 lower-case hex digits), or delete it for a new one: the databases "
            + "marked with the old id are then left alone as another repository's");
  }
}
