package dev.wt.app.database;

import dev.wt.core.OwnedDatabase;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import java.nio.file.Path;
import java.util.List;
import dev.wt.app.worktree.SetupState;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/** The worktree a {@code wt db} command acts on: its repository, record and database plans. */
record DbContext(Repo repo, WorktreeRecord record, List<DatabasePlan> plans) {

  static DbContext open(Services services, Path cwd) {
    return of(Repo.open(services, cwd));
  }

  /** The context of {@code repo}, refused in the main worktree and in one wt has not set up. */
  static DbContext of(Repo repo) {
    var loc = repo.location();
    if (loc.isMain()) {
      throw WtException.refused("this is the main worktree; wt db commands act on a linked worktree's databases",
          "cd into a worktree (wt list shows them), or pass -C <worktree>");
    }
    WorktreeRecord record = WorktreeTarget.here(repo)
        .orElseThrow(() -> WtException.refused("wt has not provisioned " + loc.worktreeRoot(),
            "run wt setup here first"));
    SetupState.requireSetUp(record);
    return new DbContext(repo, record, DatabasePlan.of(repo.config().databases().effective(), repo.project()));
  }

  /** The owned databases, or the one named {@code name} (its logical or server name). */
  List<OwnedDatabase> select(String name) {
    if (record.databases().isEmpty()) {
      throw WtException.refused("worktree " + record.slug() + " has no databases",
          "configure [databases.<name>] in wt.toml (or keep the default) and run wt setup");
    }
    if (name == null) {
      return record.databases();
    }
    List<OwnedDatabase> found = record.databases().stream()
        .filter(d -> d.name().equals(name) || d.database().equals(name)).toList();
    if (found.isEmpty()) {
      throw WtException.usage("no database " + name + " in this worktree",
          "it has: " + String.join(", ", record.databases().stream().map(OwnedDatabase::name).toList()));
    }
    return found;
  }

  DatabasePlan plan(OwnedDatabase d) {
    return plans.stream().filter(p -> p.config().name().equals(d.name())).findFirst()
        .orElseThrow(() -> WtException.refused("database " + d.name() + " is no longer in the configuration",
            "add it back to wt.toml, or wt teardown to drop it"));
  }

  String owner() {
    return OwnedDatabase.ownerComment(repo.project(), record.slug(), repo.key());
  }

  /** The worktree's mark made before repository ids: its own too, as its record names the database. */
  String legacyOwner() {
    return dev.wt.app.resource.LegacyMarks.owner(repo, record.slug());
  }
}
