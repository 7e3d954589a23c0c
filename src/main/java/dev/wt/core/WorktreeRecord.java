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
 * @param ports the worktree's block of ports, frozen at first allocation (empty: none)
 * @param url the worktree's dev URL ({@code WT_URL}), null until provisioned
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
    List<Integer> ports,
    String url) {

  public static final int CURRENT_VERSION = 1;

  public WorktreeRecord {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mainPath, "mainPath");
    createdBy = createdBy == null ? "setup" : createdBy;
    provisionedAt = provisionedAt == null ? Instant.now() : provisionedAt;
    files = files == null ? List.of() : List.copyOf(files);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A record with no resources allocated yet (ports and URL come from their provisioners). */
  public WorktreeRecord(int version, String project, WorktreeIdentity identity, String path, String mainPath,
      String createdBy, boolean branchCreated, Instant provisionedAt, List<GeneratedFile> files, String commandsRun) {
    this(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt, files, commandsRun,
        null, null);
  }

  public String slug() {
    return identity.slug();
  }

  public WorktreeRecord withFiles(List<GeneratedFile> newFiles) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        newFiles, commandsRun, ports, url);
  }

  public WorktreeRecord withPath(String newPath) {
    return new WorktreeRecord(version, project, identity, newPath, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, ports, url);
  }

  public WorktreeRecord withCommandsRun(String digest) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, digest, ports, url);
  }

  public WorktreeRecord withPorts(List<Integer> newPorts) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, newPorts, url);
  }

  public WorktreeRecord withUrl(String newUrl) {
    return new WorktreeRecord(version, project, identity, path, mainPath, createdBy, branchCreated, provisionedAt,
        files, commandsRun, ports, newUrl);
  }

  /** The recorded file at {@code relativePath}, if wt put one there. */
  public java.util.Optional<GeneratedFile> file(String relativePath) {
    return files.stream().filter(f -> f.path().equals(relativePath)).findFirst();
  }
}
