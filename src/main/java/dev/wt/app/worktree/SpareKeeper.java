package dev.wt.app.worktree;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.core.Trash;
import dev.wt.port.Git;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The {@code wt down} side of {@link Spares}: keeps a removed worktree's folder as a spare when a
 * checkout over it can give a fresh checkout, then deletes the oldest spares past {@link Spares#MAX}.
 */
final class SpareKeeper {

  /** The lock under which the spares are counted and the oldest deleted: parallel downs each keep one. */
  private static final String LOCK = "spares";

  private final Services services;

  SpareKeeper(Services services) {
    this.services = services;
  }

  /**
   * Whether a worktree's folder can serve another worktree: not with submodules (their
   * repositories live in the admin folder, which goes), a sparse checkout or a worktree's own
   * config (the next worktree has neither), or a split index; not in a repository with an
   * {@code info/attributes}, which may have changed since the folder's files were written.
   */
  boolean reusable(Repo repo, Path worktree, Path gitDir) {
    if (!Spares.enabled(services) || gitDir == null) {
      return false;
    }
    var disk = services.disk();
    if (disk.exists(repo.location().commonDir().resolve("info").resolve("attributes"))) {
      return false;
    }
    if (!disk.isFile(gitDir.resolve("index")) || disk.exists(worktree.resolve(".gitmodules"))
        || disk.exists(gitDir.resolve("modules")) || disk.exists(gitDir.resolve("config.worktree"))
        || disk.exists(gitDir.resolve("info").resolve("sparse-checkout"))) {
      return false;
    }
    try {
      for (Path p : disk.entriesIn(gitDir)) {
        if (p.getFileName().toString().startsWith("sharedindex.")) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the path (relative, '/'-separated) names a {@code .gitattributes} file. */
  static boolean isAttributes(String path) {
    return path.equals(".gitattributes") || path.endsWith("/.gitattributes");
  }

  /**
   * Keeps a removed worktree's folder, which {@code wt down} has renamed to {@code doomed/worktree}
   * and its admin folder to {@code doomed/gitdir}: moves what git does not track (listed in
   * {@code plain} before the move) to {@code doomed/rest}, then the folder, its index and the
   * attributes its files were written with into the spares, and deletes the oldest spares past
   * {@link Spares#MAX}. The caller deletes what stays in {@code doomed}; when a move fails, that is
   * all of it. Not kept when a move of its HEAD changed a {@code .gitattributes}: files the move
   * left alone keep the form the attributes before gave them.
   */
  boolean keep(Repo repo, Path doomed, Git.PlainCheckout plain, String slug) {
    var files = services.files();
    Path common = repo.location().commonDir();
    Path tree = doomed.resolve("worktree");
    try {
      if (!SpareAttributes.steady(services.git(), repo.main(),
          services.disk().read(doomed.resolve("gitdir").resolve("logs").resolve("HEAD")).orElse(""))) {
        return false;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    for (String entry : plain.untracked()) {
      String rel = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
      if (rel.isEmpty() || !files.moveAside(tree.resolve(rel), doomed.resolve("rest").resolve(rel))) {
        return false;
      }
    }
    Path spare = doomed.resolve("spare");
    try {
      if (!files.moveAside(doomed.resolve("gitdir").resolve("index"), spare.resolve("index"))) {
        return false;
      }
      // in the folder before it is one of the spares: an up never sees a spare without it
      services.disk().write(spare.resolve(SpareAttributes.FILE),
          SpareAttributes.of(services, common, plain.attributes()).text());
    } catch (IOException e) {
      return false;
    }
    if (!files.moveAside(tree, spare.resolve("tree"))
        || !files.moveAside(spare, Trash.of(common).spareFor(slug, Instant.now()))) {
      return false;
    }
    trim(repo);
    return true;
  }

  /**
   * Deletes the oldest spares past {@link Spares#MAX}, under a lock: downs at once each count after
   * their own spare is in, so the last of them leaves {@link Spares#MAX}, the newest.
   */
  private void trim(Repo repo) {
    Path common = repo.location().commonDir();
    repo.state().locked(LOCK, () -> {
      try {
        List<Path> ready = Spares.ready(services, common);
        for (Path old : ready.subList(Math.min(Spares.MAX, ready.size()), ready.size())) {
          Spares.discard(services, common, old);
        }
      } catch (IOException e) {
        // unreadable now: the next down trims, and a day ends every spare
      }
      return null;
    });
  }
}
