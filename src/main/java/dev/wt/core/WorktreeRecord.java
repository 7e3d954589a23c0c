package dev.wt.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What wt knows about one provisioned worktree, stored as JSON in the git common dir.
 *
 * <p>The identity is frozen here at provision time; every later command reads it back.
 *
 * @param path the worktree folder as it was at provision (canonical)
 * @param createdBy {@code up} when wt created the worktree, {@code setup} when another tool did
 * @param branchCreated whether wt created the branch (as opposed to attaching an existing one)
 * @param files the files wt wrote or copied, so teardown and the dirty check know what is wt's
 * @param commandsRun digest of the post-setup command list that last ran to success, if any
 * @param databases the databases wt created for this worktree (dropped by teardown)
 * @param ports the worktree's block of ports, frozen at first allocation (empty: none)
 * @param url the worktree's dev URL ({@code WT_URL}), null until provisioned
 * @param setupPending whether setup has yet to finish once ({@code wt up --no-setup}, or a setup that
 *     stopped half-way): its variables are not all there, so commands that need them refuse
 * @param redis the Redis database wt allocated ({@code [redis]}), null when none
 * @param sharedFrom in a task across repositories, the worktree of the task's primary repository
 *     whose ports and databases this one uses: they are copied here and never allocated nor released
 *     by this record; null when the worktree owns its own
 * @param borrowers in a task's primary worktree, the git common dirs of the other repositories
 *     whose worktree of the task was given this one's ports and databases: while such a worktree
 *     exists, releasing them here would take them from under it; empty otherwise
 */
public record WorktreeRecord(
    int version,
    String project,
    WorktreeIdentity identity,
    String path,
    String mainPath,
    String createdBy,
    boolean branchCreated,
    Instant provisionedAt,
    List<GeneratedFile> files,
    String commandsRun,
    List<OwnedDatabase> databases,
    List<Integer> ports,
    String url,
    boolean setupPending,
    OwnedRedis redis,
    String sharedFrom,
    List<String> borrowers) {

  public static final int CURRENT_VERSION = 1;

  public WorktreeRecord {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(identity, "identity");
    usablePath("path", Objects.requireNonNull(path, "path"));
    usablePath("mainPath", Objects.requireNonNull(mainPath, "mainPath"));
    usablePath("sharedFrom", sharedFrom);
    createdBy = createdBy == null ? "setup" : createdBy;
    provisionedAt = provisionedAt == null ? Instant.now() : provisionedAt;
    files = files == null ? List.of() : List.copyOf(files);
    databases = databases == null ? List.of() : List.copyOf(databases);
    ports = ports == null ? List.of() : List.copyOf(ports);
    borrowers = borrowers == null ? List.of() : List.copyOf(borrowers);
    borrowers.forEach(b -> usablePath("borrowers", b));
  }

  /**
   * Refuses a path no file system takes, as a hand-edited state file may hold: a NUL character
   * (the one character a Unix path cannot hold) would fail every later use of it, far from the file.
   */
  static void usablePath(String field, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(field + " holds a NUL character");
    }
  }

  /** A record no other repository's worktree borrows from. */
  public WorktreeRecord(int version, String project, WorktreeIdentity identity, String path, String mainPath,
      String createdBy, boolean branchCreated, Instant provisionedAt, List<GeneratedFile> files, String commandsRun,
      List<OwnedDatabase> databases, List<Integer> ports, String url, boolean setupPending, OwnedRedis redis,
      String sharedFrom) {
    this(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt, files, commandsRun,
        databases, ports, url, setupPending, redis, sharedFrom, List.of());
  }

  /** A record with no resources allocated yet (databases, ports and URL come from their provisioners). */
  public WorktreeRecord(int version, String project, WorktreeIdentity identity, String path, String mainPath,
      String createdBy, boolean branchCreated, Instant provisionedAt, List<GeneratedFile> files, String commandsRun) {
    this(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt, files, commandsRun,
        List.of(), null, null, false, null);
  }

  /** A record that owns its resources (no {@code sharedFrom}). */
  public WorktreeRecord(int version, String project, WorktreeIdentity identity, String path, String mainPath,
      String createdBy, boolean branchCreated, Instant provisionedAt, List<GeneratedFile> files, String commandsRun,
      List<OwnedDatabase> databases, List<Integer> ports, String url, boolean setupPending, OwnedRedis redis) {
    this(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt, files, commandsRun,
        databases, ports, url, setupPending, redis, null);
  }

  /** A record without a Redis database. */
  public WorktreeRecord(int version, String project, WorktreeIdentity identity, String path, String mainPath,
      String createdBy, boolean branchCreated, Instant provisionedAt, List<GeneratedFile> files, String commandsRun,
      List<OwnedDatabase> databases, List<Integer> ports, String url, boolean setupPending) {
    this(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt, files, commandsRun,
        databases, ports, url, setupPending, null);
  }

  public String slug() {
    return identity.slug();
  }

  public WorktreeRecord withFiles(List<GeneratedFile> newFiles) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        newFiles, commandsRun, databases, ports, url, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withPath(String newPath) {
    return new WorktreeRecord(version, project, identity, newPath, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, ports, url, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withCommandsRun(String digest) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, digest, databases, ports, url, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withDatabases(List<OwnedDatabase> newDatabases) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, newDatabases, ports, url, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withPorts(List<Integer> newPorts) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, newPorts, url, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withUrl(String newUrl) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, ports, newUrl, setupPending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withSetupPending(boolean pending) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, ports, url, pending, redis, sharedFrom, borrowers);
  }

  public WorktreeRecord withRedis(OwnedRedis newRedis) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, ports, url, setupPending, newRedis, sharedFrom, borrowers);
  }

  /** This record using the ports and databases of the task's primary worktree at {@code primaryPath}. */
  public WorktreeRecord sharing(String primaryPath, List<Integer> sharedPorts, List<OwnedDatabase> sharedDatabases) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, sharedDatabases, sharedPorts, url, setupPending, redis, primaryPath, borrowers);
  }

  /** This record with {@code commonDir}'s worktree of the task among its {@link #borrowers}. */
  public WorktreeRecord withBorrower(String commonDir) {
    if (borrowers.contains(commonDir)) {
      return this;
    }
    List<String> more = new java.util.ArrayList<>(borrowers);
    more.add(commonDir);
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, databases, ports, url, setupPending, redis, sharedFrom, more);
  }

  /** Whether this worktree uses another's ports and databases (never allocating nor releasing them). */
  public boolean shared() {
    return sharedFrom != null;
  }

  /** The recorded file at {@code relativePath}, if wt put one there. */
  public java.util.Optional<GeneratedFile> file(String relativePath) {
    return files.stream().filter(f -> f.path().equals(relativePath)).findFirst();
  }
}
