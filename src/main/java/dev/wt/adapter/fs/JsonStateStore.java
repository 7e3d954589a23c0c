package dev.wt.adapter.fs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * State as one JSON file per worktree under {@code <git common dir>/wt/worktrees}, written by
 * temp file + atomic rename, with a lock file serialising allocations across processes.
 */
public final class JsonStateStore implements StateStore {

  /** The allocation lock is held only to record intent (names, ports, database rows): a minute is plenty. */
  private static final long LOCK_WAIT_MILLIS = 60_000;
  /** Named locks guard slow work done once (a cluster start, a template copied from a big database). */
  private static final long NAMED_LOCK_WAIT_MILLIS = 30 * 60_000;
  /** After this long a waiting command says what it waits for. */
  private static final long LOCK_PATIENCE_MILLIS = 1_000;

  private final Path root;
  private final Path records;
  private final ObjectMapper mapper = Json.mapper();
  private final Consumer<String> waiting;
  /** The lock files the current thread holds through this store, so that a nested locked() runs at once. */
  private final ThreadLocal<java.util.Set<Path>> held = ThreadLocal.withInitial(java.util.HashSet::new);

  public JsonStateStore(Path gitCommonDir) {
    this(gitCommonDir, message -> { });
  }

  /** @param waiting told, once, when the lock is not free within a second (which process holds it) */
  public JsonStateStore(Path gitCommonDir, Consumer<String> waiting) {
    this.root = gitCommonDir.resolve("wt");
    this.records = root.resolve("worktrees");
    this.waiting = waiting;
  }

  /** The folder holding wt's state for this repository. */
  public Path root() {
    return root;
  }

  @Override
  public List<WorktreeRecord> all() {
    if (!Files.isDirectory(records)) {
      return List.of();
    }
    List<WorktreeRecord> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(records, "*.json")) {
      for (Path f : files) {
        read(f).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw unreadable(records, e);
    }
    out.sort(Comparator.comparing(WorktreeRecord::slug));
    return out;
  }

  @Override
  public Optional<WorktreeRecord> bySlug(String slug) {
    return read(records.resolve(slug + ".json"));
  }

  @Override
  public void save(WorktreeRecord record) {
    try {
      Files.createDirectories(records);
      Path target = records.resolve(record.slug() + ".json");
      byte[] bytes = mapper.writeValueAsBytes(record);
      if (Files.isRegularFile(target) && java.util.Arrays.equals(bytes, Files.readAllBytes(target))) {
        return; // a re-run that changes nothing leaves the file (and its mtime) alone, and skips the fsync
      }
      Path tmp = Files.createTempFile(records, "." + record.slug(), ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            ch.write(buffer);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new WtException(dev.wt.core.ExitCode.ENVIRONMENT, "cannot write wt state in " + records + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  @Override
  public void delete(String slug) {
    try {
      Files.deleteIfExists(records.resolve(slug + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public <T> T locked(Supplier<T> action) {
    return locked(root.resolve("lock"), LOCK_WAIT_MILLIS, action);
  }

  @Override
  public <T> T locked(String name, Supplier<T> action) {
    if (!name.matches("[a-z0-9_-]+")) {
      throw new IllegalArgumentException("not a lock name: " + name);
    }
    return locked(root.resolve("locks").resolve(name + ".lock"), NAMED_LOCK_WAIT_MILLIS, action);
  }

  private <T> T locked(Path file, long waitMillis, Supplier<T> action) {
    if (held.get().contains(file)) {
      return action.get(); // this thread holds it already: waiting would wait for itself
    }
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
              StandardOpenOption.WRITE);
          FileLock lock = acquire(ch, file, waitMillis)) {
        writeHolder(ch);
        held.get().add(file);
        try {
          return action.get();
        } finally {
          held.get().remove(file);
        }
      }
    } catch (IOException e) {
      throw new WtException(dev.wt.core.ExitCode.ENVIRONMENT, "cannot lock wt state in " + root + ": " + e.getMessage(),
          "check that the repository's .git folder is writable");
    }
  }

  /**
   * Writes who holds the lock into the lock file, for those waiting for it (the OS lock is what
   * counts). Only through the locked channel: POSIX drops a process's lock when it closes any other
   * descriptor of the same file, so the holder must never open the file a second time.
   */
  private static void writeHolder(FileChannel ch) {
    try {
      ProcessHandle self = ProcessHandle.current();
      String text = self.pid() + " " + holderCommand(self.info().commandLine().orElse("wt")) + "\n";
      byte[] wanted = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      java.nio.ByteBuffer now = java.nio.ByteBuffer.allocate(wanted.length + 1);
      ch.read(now, 0);
      if (now.position() == wanted.length && java.util.Arrays.equals(wanted, java.util.Arrays.copyOf(now.array(),
          wanted.length))) {
        return; // the same process again: leave the file (and its mtime) alone
      }
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap(wanted), 0);
    } catch (IOException e) {
      // only the waiting message loses its detail
    }
  }

  /** {@code java ... -jar /path/wt up feat/x} as the user typed it: {@code wt up feat/x}. */
  static String holderCommand(String commandLine) {
    int jar = commandLine.indexOf(" -jar ");
    if (jar < 0) {
      return commandLine;
    }
    String rest = commandLine.substring(jar + " -jar ".length()).strip();
    int space = rest.indexOf(' ');
    return "wt" + (space < 0 ? "" : rest.substring(space));
  }

  private FileLock acquire(FileChannel ch, Path file, long waitMillis) throws IOException {
    long started = System.currentTimeMillis();
    long deadline = started + waitMillis;
    boolean told = false;
    while (true) {
      try {
        FileLock lock = ch.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // another thread of this JVM holds it: wait like any other process would
      }
      if (!told && System.currentTimeMillis() - started > LOCK_PATIENCE_MILLIS) {
        told = true;
        waiting.accept("waiting for wt's lock " + file + ", held by " + holder(file));
      }
      if (System.currentTimeMillis() > deadline) {
        throw WtException.environment("another wt command has held " + file + " for " + waitMillis / 60_000
            + " minute(s): " + holder(file),
            "wait for it to finish; if none runs, the lock is released automatically");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WtException.internal("interrupted while waiting for the state lock", e);
      }
    }
  }

  private static String holder(Path lockFile) {
    try {
      String text = Files.readString(lockFile).strip();
      int space = text.indexOf(' ');
      return text.isEmpty() ? "another wt command"
          : space < 0 ? "pid " + text : "pid " + text.substring(0, space) + " (" + text.substring(space + 1) + ")";
    } catch (IOException e) {
      return "another wt command";
    }
  }

  private Optional<WorktreeRecord> read(Path file) {
    try {
      return Optional.of(mapper.readValue(file.toFile(), WorktreeRecord.class));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static WtException unreadable(Path file, IOException e) {
    return WtException.environment("cannot read wt state " + file + ": " + e.getMessage(),
        "fix or delete that file; wt setup recreates it");
  }
}
