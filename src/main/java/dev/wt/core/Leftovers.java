package dev.wt.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, without I/O, which of the things wt marks and records belong to a worktree that no
 * longer exists ({@code wt gc}). Everything here errs towards keeping: only a mark that names this
 * repository and a slug no live worktree has makes something an orphan.
 */
public final class Leftovers {

  /** Suffix of the database a forced {@code wt db pull} restores into before swapping it in. */
  public static final String STAGING_SUFFIX = "_wt_pull";

  private static final String MARK = "wt:";

  private Leftovers() {}

  /**
   * The slug a worktree mark of this repository names ({@code wt:<project>:<slug> (repo <key>)}),
   * also while a staging copy carries it {@link OwnedDatabase#unfinished unfinished}; empty for
   * anything else: unmarked databases, templates, other repositories' marks.
   */
  public static Optional<String> markedSlug(String mark, String repoKey) {
    String comment = OwnedDatabase.finished(mark);
    if (!OwnedDatabase.markedBy(comment, repoKey)) {
      return Optional.empty();
    }
    String body = comment.substring(MARK.length(), comment.length() - OwnedDatabase.repoSuffix(repoKey).length());
    int colon = body.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String project = body.substring(0, colon);
    String slug = body.substring(colon + 1);
    // the exact inverse of the mark wt writes, so nothing merely similar passes
    if (!WorktreeIdentity.isSlug(slug) || !OwnedDatabase.ownerComment(project, slug, repoKey).equals(comment)) {
      return Optional.empty();
    }
    return Optional.of(slug);
  }

  /**
   * Whether a database on a server was left by a dead worktree of this repository.
   *
   * @param isTemplate {@code pg_database.datistemplate}: worktrees clone from it, never an orphan
   * @param protectedNames the configured main and template databases
   */
  public static boolean orphanDatabase(String name, String comment, boolean isTemplate, String repoKey,
      Set<String> liveSlugs, Set<String> protectedNames) {
    if (isTemplate || protectedNames.contains(name) || OwnedDatabase.SYSTEM_DATABASES.contains(name)) {
      return false;
    }
    return markedSlug(comment, repoKey).map(slug -> !liveSlugs.contains(slug)).orElse(false);
  }

  /** Whether a database is a pull's staging copy ({@code <db>_wt_pull}). */
  public static boolean staging(String name) {
    return name.endsWith(STAGING_SUFFIX);
  }

  /**
   * The slug of a per-user port claim of this repository ({@code <git common dir>#<slug>}); empty
   * when another repository holds it.
   */
  public static Optional<String> claimSlug(String owner, String commonDir) {
    String prefix = commonDir + "#";
    if (owner == null || !owner.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(owner.substring(prefix.length()));
  }

  /**
   * The slug of a per-worktree container of this repository ({@code wt-<repo>-<slug>}); empty for
   * any other name.
   */
  public static Optional<String> containerSlug(String name, String containerPrefix) {
    if (name == null || !name.startsWith(containerPrefix)) {
      return Optional.empty();
    }
    String slug = name.substring(containerPrefix.length());
    return WorktreeIdentity.isSlug(slug) ? Optional.of(slug) : Optional.empty();
  }
}
