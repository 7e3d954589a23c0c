package dev.wt.app.gc;

import dev.wt.app.Repo;
import dev.wt.app.Services;
import dev.wt.app.database.Refill;
import dev.wt.app.resource.DatabaseFiller;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.resource.LegacyMarks;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part of {@code wt gc} that finds templates wt built on its own (its {@code template:auto}
 * mark, this repository's key; never one the user built with {@code wt db template refresh} or
 * {@code wt db pull --into template}) for a project that no worktree of this repository is
 * configured with any more: a branch whose
 * {@code wt.toml} named another project leaves {@code <that project>_template} behind, and the
 * teardown of its worktree keeps it while worktrees of the main project still have databases.
 */
final class UnusedTemplates {

  private final Services services;

  UnusedTemplates(Services services) {
    this.services = services;
  }

  /** The projects in use: one per worktree folder (the main one included); empty when a configuration cannot be read. */
  private Projects inUse(Repo repo) {
    Set<Path> roots = new LinkedHashSet<>();
    Set<String> projects = new LinkedHashSet<>();
    projects.add(repo.project());
    Path common = repo.location().commonDir();
    List<Git.RepoLocation> places = new ArrayList<>();
    for (Git.WorktreeEntry w : services.git().worktrees(repo.main())) {
      if (services.disk().isDirectory(w.path()) && roots.add(w.path())) {
        places.add(location(repo, w.path(), w.main() ? common : repo.gitDirOf(w.path()), w.branch()));
      }
    }
    for (WorktreeRecord r : repo.state().all()) {
      Path at = Path.of(r.path());
      if (services.disk().isDirectory(at) && roots.add(at)) {
        places.add(location(repo, at, repo.gitDirOf(at), r.identity().branch()));
      }
    }
    Set<String> templates = new LinkedHashSet<>(templatesOf(repo));
    for (Git.RepoLocation at : places) {
      try {
        Repo there = repo.at(services, at);
        projects.add(there.project());
        templates.addAll(templatesOf(there));
      } catch (WtException e) {
        return new Projects(projects, templates, at.worktreeRoot() + ": " + e.getMessage());
      }
    }
    return new Projects(projects, templates, null);
  }

  /** The template databases a configuration clones from: two project names may share one (case, length). */
  private static List<String> templatesOf(Repo repo) {
    return DatabasePlan.of(repo.config().databases().effective(), repo.project()).stream()
        .map(DatabasePlan::template).filter(t -> t != null).toList();
  }

  private static Git.RepoLocation location(Repo repo, Path root, Path gitDir, String branch) {
    return new Git.RepoLocation(root, gitDir != null ? gitDir : root.resolve(".git"), repo.location().commonDir(),
        repo.main(), branch);
  }

  /**
   * The projects worktrees use.
   *
   * @param unreadable why one configuration could not be read (then no project counts as unused); null when all were
   */
  private record Projects(Set<String> names, Set<String> templates, String unreadable) {

    boolean unused(String project, String template) {
      return unreadable == null && !names.contains(project) && !templates.contains(template);
    }
  }

  /**
   * The unused templates (and their staging copies) on one server; with {@code yes} dropped. On a
   * server that is surely this machine's ({@code thisMachine}: the embedded cluster) one marked before
   * repository ids goes by the same rules; elsewhere it is only listed.
   */
  List<GcUseCase.Item> sweep(Repo repo, Postgres.Session s, dev.wt.core.PgServer server, String where,
      boolean thisMachine, boolean yes, Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    Projects projects = null;
    for (Postgres.DatabaseInfo info : s.databases()) {
      Optional<String> project = DatabasePlan.autoTemplateProject(info.comment(), repo.key());
      // marked before repository ids: maybe another machine's with the repository at the same path
      boolean legacy = project.isEmpty() && !thisMachine;
      project = project.isEmpty() ? DatabasePlan.autoTemplateProject(info.comment(), repo.legacyKey()) : project;
      if (project.isEmpty()) {
        continue;
      }
      projects = projects != null ? projects : inUse(repo);
      String name = info.name();
      String base = name.endsWith("_wt_pull") ? name.substring(0, name.length() - "_wt_pull".length()) : name;
      if (projects.templates().contains(name) || projects.templates().contains(base)) {
        continue; // the template (or a staging copy of it) a configuration in use clones from, under another project's mark
      }
      if (projects.unreadable() != null && !projects.names().contains(project.get())) {
        out.add(new GcUseCase.Item("template", info.name(), "made for project " + project.get() + "; wt cannot "
            + "tell whether a worktree uses it (" + projects.unreadable() + ")", GcUseCase.Outcome.KEPT));
      } else if (projects.unused(project.get(), info.name())) {
        String detail = "on " + where + ", made for project " + project.get() + ", which no worktree of this "
            + "repository is configured with any more (marked '" + info.comment() + "')";
        out.add(legacy ? new GcUseCase.Item("template", info.name(), detail + "; "
                + LegacyMarks.kept(server, info.name(), info.template()), GcUseCase.Outcome.KEPT)
            : yes ? drop(repo, s, info, project.get(), detail, reporter)
            : new GcUseCase.Item("template", info.name(), detail, GcUseCase.Outcome.FOUND));
      }
    }
    return out;
  }

  /**
   * Drops one under the template lock (which builds hold: a template is never dropped under a build)
   * and its own database lock (which refills of it hold), after asking again there which projects are
   * in use and what the database's mark is now. The database's lock file goes with it.
   */
  private GcUseCase.Item drop(Repo repo, Postgres.Session s, Postgres.DatabaseInfo info, String project, String detail,
      Reporter reporter) {
    try {
      return repo.state().locked(DatabaseFiller.TEMPLATE_LOCK, () -> Refill.lockedWhileThere(repo.state(), s,
          info.name(), () -> dropHeld(repo, s, info, project, detail, reporter)));
    } catch (WtException e) {
      return new GcUseCase.Item("template", info.name(), detail + ": " + e.getMessage(), GcUseCase.Outcome.FAILED);
    }
  }

  private GcUseCase.Item dropHeld(Repo repo, Postgres.Session s, Postgres.DatabaseInfo info, String project,
      String detail, Reporter reporter) {
    Optional<Postgres.DatabaseInfo> now = s.database(info.name());
    if (now.isEmpty()) {
      return new GcUseCase.Item("template", info.name(), detail + "; already gone", GcUseCase.Outcome.RELEASED);
    }
    if (!info.comment().equals(now.get().comment()) || !inUse(repo).unused(project, info.name())) {
      return new GcUseCase.Item("template", info.name(), "kept: a worktree of project " + project
          + " appeared while gc ran, or the mark changed", GcUseCase.Outcome.KEPT);
    }
    if (now.get().template() && !now.get().invalid()) {
      s.setTemplate(info.name(), false); // PostgreSQL drops no template database
    }
    s.drop(info.name());
    reporter.done("database " + info.name() + ": dropped (a template of project " + project
        + ", which no worktree uses any more)");
    return new GcUseCase.Item("template", info.name(), detail, GcUseCase.Outcome.RELEASED);
  }
}
