package dev.wt.app.worktree;

import dev.wt.core.DependencyFolders;
import dev.wt.core.GeneratedFile;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Set;
import java.util.function.Consumer;
import dev.wt.app.Services;

/**
 * What removing a worktree's folder would take from the user: uncommitted changes, and ignored
 * files nobody can make again. wt's own unchanged files and dependency folders a lockfile
 * rebuilds ({@link DependencyFolders}) are not the user's work.
 */
final class UnsavedWork {

  /** Kinds of files wt copied from the main worktree. */

  private final Services services;

  UnsavedWork(Services services) {
    this.services = services;
  }

  /** Uncommitted or untracked paths, less the files wt itself put there unchanged. */
  List<String> uncommitted(Path worktree, Optional<WorktreeRecord> record) {
    List<String> dirty = services.git().dirtyPaths(worktree);
    if (record.isEmpty()) {
      return dirty;
    }
    return dirty.stream().filter(p -> !ownedAndUnchanged(worktree, record.get(), p)).toList();
  }

  /**
   * Ignored files and folders (folders ending in '/') that {@code git worktree remove} would
   * delete and that are the user's: everything but dependency folders and wt's unchanged files.
   */
  List<String> ignored(Path worktree, Optional<WorktreeRecord> record, Consumer<String> warn) {
    List<String> out = new ArrayList<>();
    for (String entry : ignoredEntries(worktree, warn)) {
      if (rebuiltByInstall(worktree, entry)) {
        continue;
      }
      boolean holdsOurs = entry.endsWith("/") && record.isPresent()
          && record.get().files().stream().anyMatch(f -> f.path().startsWith(entry));
      if (!holdsOurs) {
        if (record.isEmpty() || !ownedAndUnchanged(worktree, record.get(), entry)) {
          out.add(entry);
        }
        continue;
      }
      // a folder git shows whole because wt put a file into it: judge what is inside one by one
      try {
        services.disk().filesBelow(worktree.resolve(entry)).stream()
            .map(f -> worktree.relativize(f).toString())
            .filter(f -> !rebuiltByInstall(worktree, f) && !ownedAndUnchanged(worktree, record.get(), f))
            .forEach(out::add);
      } catch (IOException e) {
        out.add(entry);
      }
    }
    return out;
  }

  /**
   * git's ignored entries of the worktree and of each submodule checked out in it (git lists a
   * submodule's own only when asked in it), relative to the worktree. A submodule git cannot read
   * (only a forced down gets here with one: git status fails on it first) is warned about.
   */
  private List<String> ignoredEntries(Path worktree, Consumer<String> warn) {
    List<String> out = new ArrayList<>(services.git().ignoredEntries(worktree));
    try {
      for (Path sub : services.git().submoduleWorktrees(worktree)) {
        String rel = worktree.relativize(sub).toString();
        try {
          services.git().ignoredEntries(sub).forEach(e -> out.add(rel + "/" + e));
        } catch (WtException e) {
          warn.accept("the files submodule " + rel + " ignores go with the worktree, not to the trash: "
              + e.getMessage());
        }
      }
    } catch (WtException e) {
      warn.accept("the files its submodules ignore go with the worktree, not to the trash: " + e.getMessage());
    }
    return out;
  }

  private boolean rebuiltByInstall(Path worktree, String entry) {
    return DependencyFolders.lockfileFor(entry, rel -> services.disk().isFile(worktree.resolve(rel))).isPresent();
  }

  private boolean ownedAndUnchanged(Path worktree, WorktreeRecord record, String path) {
    String clean = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    boolean insideCopiedFolder = record.files().stream()
        .anyMatch(g -> g.sha256() == null && g.kind().copied() && clean.startsWith(g.path() + "/"));
    Optional<GeneratedFile> f = record.file(clean);
    if (insideCopiedFolder || f.isPresent() && f.get().sha256() == null && f.get().kind().copied()) {
      // wt does not fingerprint copied folders: a file is wt's while it is still what the main worktree has
      return sameAsMain(worktree, Path.of(record.mainPath()), clean);
    }
    if (f.isEmpty()) {
      return false;
    }
    if (f.get().sha256() == null) {
      return true; // a worktree database file: its data goes with the worktree, like a PostgreSQL one
    }
    return services.files().fingerprint(worktree.resolve(path)).map(f.get().sha256()::equals).orElse(false);
  }

  /** Whether every file at {@code rel} (a file, or a folder's files) equals the main worktree's copy. */
  private boolean sameAsMain(Path worktree, Path main, String rel) {
    Path here = worktree.resolve(rel);
    if (!services.disk().isRealDirectory(here)) {
      Optional<String> mine = services.files().fingerprint(here);
      return mine.isPresent() && mine.equals(services.files().fingerprint(main.resolve(rel)));
    }
    try {
      return services.disk().filesBelow(here).stream()
          .allMatch(p -> sameAsMain(worktree, main, worktree.relativize(p).toString()));
    } catch (IOException e) {
      return false;
    }
  }
}
