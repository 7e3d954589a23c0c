package dev.wt.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one description of wt's trash: where {@code wt down} moves ignored files the user made, so
 * that they stay recoverable for {@link #KEEP} and {@code wt gc} can empty what is older.
 *
 * <p>Layout: {@code <git common dir>/wt/trash/<slug>-<UTC time>/<path as it was in the worktree>},
 * the time written as {@code 20261201T224736.123Z}; one folder per removal.
 *
 * <p>What else a removed worktree held (tracked files, dependency folders, wt's own files) is not
 * kept: {@code wt down} renames the worktree folder to {@code .deleting/<slug>-<UTC time>/} in the
 * trash and deletes it in the background; a deletion cut short is finished by the next wt command
 * or {@code wt gc}. {@code .deleting} is not a removal's folder, so the rule of {@link #KEEP} never
 * applies to it.
 *
 * @param root the trash folder of one repository
 */
public record Trash(Path root) {

  /** How long a removal stays in the trash before {@code wt gc} may delete it. */
  public static final Duration KEEP = Duration.ofDays(7);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  public Trash {
    Objects.requireNonNull(root, "root");
  }

  /** The trash of the repository whose git common dir is {@code gitCommonDir}. */
  public static Trash of(Path gitCommonDir) {
    return new Trash(StateLayout.trash(gitCommonDir));
  }

  /** The folder one removal of the worktree {@code slug} at {@code at} fills. */
  public Path folderFor(String slug, Instant at) {
    if (!slug.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a slug: " + slug);
    }
    return root.resolve(slug + "-" + STAMP.format(at));
  }

  /** Where removed worktrees wait for their deletion in the background. */
  public Path deleting() {
    return root.resolve(".deleting");
  }

  /** The folder one removed worktree {@code slug} is renamed to, at {@code at}, until it is deleted. */
  public Path deletionFor(String slug, Instant at) {
    return deleting().resolve(folderFor(slug, at).getFileName());
  }

  /**
   * Where folders of removed worktrees wait, cleared of everything git does not track, for the
   * next {@code wt up} of the repository to reuse instead of writing every file again.
   */
  public Path spares() {
    return root.resolve(".spare");
  }

  /** The spare folder one removed worktree {@code slug} becomes, at {@code at}. */
  public Path spareFor(String slug, Instant at) {
    return spares().resolve(folderFor(slug, at).getFileName());
  }

  /** When the removal that filled the trash folder named {@code folderName} happened; empty if not wt's. */
  public static Optional<Instant> removedAt(String folderName) {
    int dash = folderName.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(STAMP.parse(folderName.substring(dash + 1))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether the trash folder named {@code folderName} is older than {@link #KEEP} at {@code now}. */
  public static boolean expired(String folderName, Instant now) {
    return removedAt(folderName).map(t -> t.plus(KEEP).isBefore(now)).orElse(false);
  }
}
