package dev.wt.adapter.fs;

import dev.wt.core.StateLayout;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
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
  private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofMinutes(1);
  /** Named locks guard slow work done once (a cluster start, a template copied from a big database). */
  private static final java.time.Duration NAMED_LOCK_WAIT = java.time.Duration.ofMinutes(30);
  /** Set-up commands (npm ci, migrations) may run long while a second setup waits. */
  private static final java.time.Duration WORKTREE_LOCK_WAIT = java.time.Duration.ofMinutes(30);

  private final Path root;
  private final Path records;
  private final Path common;
  /** Fields newer than the first state files stay out while unset, as {@link Json.LaterRecordFields} does in --json. */
  private final RecordBinding binding =
      RecordBinding.lenient().omittingEmpty(WorktreeRecord.class, "redis", "sharedFrom", "borrowers");
  private final Consumer<String> waiting;
  /** The lock files the current thread holds through this store, so that a nested locked() runs at once. */
  private final ThreadLocal<java.util.Set<Path>> held = ThreadLocal.withInitial(java.util.HashSet::new);
  /** Read on first need, then kept: a command asks for it once per database mark. */
  private volatile dev.wt.core.RepositoryId id;

  public JsonStateStore(Path gitCommonDir) {
    this(gitCommonDir, message -> { });
  }

  /** @param waiting told, once, when the lock is not free within a second (which process holds it) */
  public JsonStateStore(Path gitCommonDir, Consumer<String> waiting) {
    this.root = StateLayout.root(gitCommonDir);
    this.records = StateLayout.records(gitCommonDir);
    this.common = gitCommonDir;
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
  public dev.wt.core.RepositoryId repositoryId() {
    dev.wt.core.RepositoryId known = id;
    if (known == null) {
      known = RepositoryIdFile.readOrCreate(common); // two threads may both read it: the file has one value
      id = known;
    }
    return known;
  }

  @Override
  public Optional<WorktreeRecord> bySlug(String slug) {
    return read(StateLayout.record(common, slug));
  }

  @Override
  public void save(WorktreeRecord record) {
    try {
      Files.createDirectories(records);
      Path target = StateLayout.record(common, record.slug());
      byte[] bytes = PlainJson.write(binding.toPlain(record)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && java.util.Arrays.equals(bytes, RegularFiles.bytes(target, RegularFiles.OWN))) {
        return; // a re-run that changes nothing leaves the file (and its mtime) alone, and skips the fsync
      }
      Path tmp = TempFiles.create(records, "." + record.slug(), ".tmp");
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
      Files.deleteIfExists(StateLayout.record(common, slug));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public <T> T locked(Supplier<T> action) {
    return locked(new LockFile(StateLayout.stateLock(common), LOCK_WAIT,
        "another wt command has held the state lock for over a minute", waiting), () -> { }, action, () -> false);
  }

  @Override
  public <T> T locked(String name, Supplier<T> action) {
    return locked(name, action, () -> false);
  }

  @Override
  public <T> T locked(String name, Supplier<T> action, java.util.function.BooleanSupplier retire) {
    return locked(new LockFile(StateLayout.lock(common, lockName(name)), NAMED_LOCK_WAIT,
        "another wt command has held the lock " + name + " for over 30 minutes", waiting), () -> { }, action, retire);
  }

  @Override
  public boolean intended(String name) {
    return Files.exists(StateLayout.intent(common, lockName(name)));
  }

  @Override
  public void intend(String name, boolean on) {
    Path file = StateLayout.intent(common, lockName(name));
    try {
      if (on) {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        // durable before the step it announces: a kill right after must still find it
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
          c.force(true);
        }
      } else {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Use use(String name) {
    return UseMarks.take(StateLayout.users(common, lockName(name)));
  }

  @Override
  public boolean usedByOthers(String name, Use own) {
    return UseMarks.othersIn(StateLayout.users(common, lockName(name)), own);
  }

  private static String lockName(String name) {
    if (!name.matches("[a-z0-9_-]+")) {
      throw new IllegalArgumentException("not a lock name: " + name);
    }
    return name;
  }

  @Override
  public <T> T lockedWorktree(String slug, Runnable onWait, Supplier<T> action) {
    // next to the record, and gone with it: a refused up leaves no lock file behind
    Path record = StateLayout.record(common, slug);
    return locked(new LockFile(StateLayout.worktreeLock(common, slug), WORKTREE_LOCK_WAIT,
        "another wt command has been setting up worktree " + slug + " for over 30 minutes", waiting), onWait, action,
        () -> !Files.exists(record));
  }

  @Override
  public <T> Optional<T> ifWorktreeIdle(String slug, Supplier<T> action) {
    Path record = records.resolve(slug + ".json");
    LockFile lock = new LockFile(records.resolve(slug + ".lock"), java.time.Duration.ZERO, "", waiting);
    if (held.get().contains(lock.file())) {
      return Optional.of(action.get());
    }
    return lock.tryHold(() -> {
      held.get().add(lock.file());
      try {
        return action.get();
      } finally {
        held.get().remove(lock.file());
      }
    }, () -> !Files.exists(record));
  }

  /** Holds {@code lock} unless this thread holds it already (waiting would wait for itself). */
  private <T> T locked(LockFile lock, Runnable onWait, Supplier<T> action, java.util.function.BooleanSupplier retire) {
    if (held.get().contains(lock.file())) {
      return action.get();
    }
    return lock.hold(onWait, () -> {
      held.get().add(lock.file());
      try {
        return action.get();
      } finally {
        held.get().remove(lock.file());
      }
    }, retire);
  }

  private Optional<WorktreeRecord> read(Path file) {
    try {
      // never through a link, never a FIFO: another repository's record (a borrower's) is read too
      WorktreeRecord r = binding.read(PlainJson.parse(RegularFiles.read(file, RegularFiles.OWN)), WorktreeRecord.class);
      if (r == null) {
        throw new IllegalArgumentException("no record (the file holds null)");
      }
      return Optional.of(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException | RecordBinding.Mismatch e) {
      throw unreadable(file, e);
    }
  }

  private static WtException unreadable(Path file, Exception e) {
    return WtException.environment("cannot read wt state " + file + ": " + e.getMessage(),
        "fix or delete that file; wt setup recreates it");
  }
}
