package dev.wt.app.gc;

import dev.wt.core.ServerMode;
import dev.wt.core.Leftovers;
import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.Containers;
import dev.wt.port.EmbeddedPostgres;
import dev.wt.port.Postgres;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import dev.wt.app.resource.DatabasePlan;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.app.resource.DockerServers;
import dev.wt.app.Repo;

/**
 * The part of {@code wt gc} that talks to database servers: every server wt knows for the
 * repository is searched for databases marked as a dead worktree's (and for templates of projects
 * no worktree uses, {@link UnusedTemplates}), and per-worktree containers of dead worktrees are
 * found by name.
 */
public final class GcServers {

  /** The name of the embedded cluster among the servers searched. */
  private static final String EMBEDDED = "the embedded cluster";

  private final DatabaseServers servers;
  private final Containers containers;
  private final dev.wt.app.resource.CommandDatabases commands;
  private final dev.wt.app.resource.ComposeServices compose;

  public GcServers(DatabaseServers servers, Containers containers) {
    this(servers, containers, null);
  }

  /** @param commands runs {@code [postgres] list} and {@code drop} in {@code command} mode; may be null */
  public GcServers(DatabaseServers servers, Containers containers, dev.wt.app.resource.CommandDatabases commands) {
    this(servers, containers, commands, null);
  }

  /** @param compose finds and removes the compose projects of dead worktrees ({@code [services]}); may be null */
  public GcServers(DatabaseServers servers, Containers containers, dev.wt.app.resource.CommandDatabases commands,
      dev.wt.app.resource.ComposeServices compose) {
    this.servers = servers;
    this.containers = containers;
    this.commands = commands;
    this.compose = compose;
  }

  /** Finds (and with {@code yes} drops or removes) what dead worktrees left on the servers. */
  List<GcUseCase.Item> sweep(Repo repo, Set<String> live, LiveWorktrees guard, UnusedTemplates templates, boolean yes,
      Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    Set<String> protectedNames = new HashSet<>();
    for (DatabasePlan plan : DatabasePlan.of(repo.config().databases().effective(), repo.project())) {
      protectedNames.add(plan.main());
      protectedNames.add(plan.template());
      // marked before it is filled, it is a live build's, not a worktree's; the next template build drops a leftover
      protectedNames.add(dev.wt.app.database.Refill.stagingName(plan.template()));
    }
    for (Map.Entry<String, Supplier<PgServer>> target : targets(repo, reporter, out).entrySet()) {
      if (!yes && EMBEDDED.equals(target.getKey()) && !servers.embedded().status(servers.embeddedSettings(repo)).running()) {
        // a dry run starts nothing: what is on the stopped cluster is looked at by the run that may drop it
        out.add(new GcUseCase.Item("database", target.getKey(), "not searched: it is stopped, and a dry run "
            + "starts nothing (wt db server start, then wt gc, lists what is there)", GcUseCase.Outcome.KEPT));
        continue;
      }
      PgServer server;
      try {
        server = target.getValue().get();
      } catch (WtException e) {
        out.add(new GcUseCase.Item("database", target.getKey(), "not searched: " + e.getMessage(), GcUseCase.Outcome.FAILED));
        continue;
      }
      // it lives under this user's WT_PG_HOME: a mark from before repository ids on it is this machine's
      boolean thisMachine = EMBEDDED.equals(target.getKey());
      try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
        for (Postgres.DatabaseInfo info : s.databases()) {
          Optional<String> key = OrphanDrop.orphanKey(repo, info, live, protectedNames, thisMachine);
          if (key.isPresent()) {
            // dropped holding the worktree's lock, so never under an up that is making it, then the database's
            String slug = Leftovers.markedSlug(info.comment(), key.get()).orElseThrow();
            out.add(guard.whileDead(repo, slug,
                    () -> OrphanDrop.drop(repo, key.get(), s, info, target.getKey(), protectedNames, thisMachine, guard,
                        yes, reporter))
                .orElseGet(() -> LiveWorktrees.busy(Leftovers.staging(info.name()) ? "staging" : "database", info.name(),
                    slug)));
          } else if (Leftovers.orphanDatabase(info.name(), info.comment(), info.template(), repo.legacyKey(), live,
              protectedNames)) {
            out.add(OrphanDrop.legacy(info, target.getKey(), server));
          }
        }
        out.addAll(templates.sweep(repo, s, server, target.getKey(), thisMachine, yes, reporter));
      } catch (WtException e) {
        out.add(new GcUseCase.Item("database", target.getKey(), "not searched: " + e.getMessage(), GcUseCase.Outcome.FAILED));
      }
    }
    out.addAll(containers(repo, live, guard, yes, reporter));
    if (commands != null && servers.mode(repo) == ServerMode.COMMAND) {
      out.addAll(listed(repo, yes, reporter));
    }
    if (compose != null && repo.config().services().enabled()) {
      out.addAll(composeProjects(repo, live, guard, yes, reporter));
    }
    return out;
  }

  /** {@code [services]}: compose projects ({@code <project>_<slug>}) of dead worktrees, removed with their volumes. */
  private List<GcUseCase.Item> composeProjects(Repo repo, Set<String> live, LiveWorktrees guard, boolean yes,
      Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    List<String> projects;
    try {
      projects = compose.leftovers(repo, live);
    } catch (WtException e) {
      out.add(new GcUseCase.Item("compose", "services", "not searched: " + e.getMessage(), GcUseCase.Outcome.FAILED));
      return out;
    }
    for (String project : projects) {
      String slug = dev.wt.app.resource.ComposeServices.slugOf(repo, project);
      String detail = "compose project of " + slug + ", with its volumes";
      out.add(guard.whileDead(repo, slug, () -> {
        if (!yes) {
          return new GcUseCase.Item("compose", project, detail, GcUseCase.Outcome.FOUND);
        }
        String failure = compose.removeLeftover(project);
        if (failure != null) {
          return new GcUseCase.Item("compose", project, failure, GcUseCase.Outcome.FAILED);
        }
        reporter.done("compose project " + project + ": removed with its volumes (its worktree is gone)");
        return new GcUseCase.Item("compose", project, detail, GcUseCase.Outcome.RELEASED);
      }).orElseGet(() -> LiveWorktrees.busy("compose", project, slug)));
    }
    return out;
  }

  /** {@code command} mode: what the list command prints that no record holds, dropped with the drop command. */
  private List<GcUseCase.Item> listed(Repo repo, boolean yes, Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    Set<String> held = new HashSet<>();
    // a dead worktree's record still holds its databases: its teardown drops them
    repo.state().all().forEach(r -> r.databases().forEach(d -> held.add(d.database())));
    List<String> names;
    try {
      names = commands.leftovers(repo, held, reporter);
    } catch (WtException e) {
      out.add(new GcUseCase.Item("database", "postgres.list", "not searched: " + e.getMessage(), GcUseCase.Outcome.FAILED));
      return out;
    }
    for (String name : names) {
      // The provider's names carry no mark of the checkout that made them: another clone of this
      // repository, or another machine, may be using it. Records of dead worktrees are dropped by
      // their teardown above; these are only shown.
      out.add(new GcUseCase.Item("database", name, "listed by postgres.list and held by no worktree of this "
          + "checkout; wt cannot tell whether another checkout or machine uses it, so it is left for you to drop",
          GcUseCase.Outcome.KEPT));
    }
    return out;
  }

  /**
   * The servers to search, by a name for messages: the configured mode's server (started when it is
   * wt's), and the embedded cluster when it runs though another mode is configured now.
   */
  private Map<String, Supplier<PgServer>> targets(Repo repo, Reporter reporter, List<GcUseCase.Item> out) {
    Map<String, Supplier<PgServer>> targets = new LinkedHashMap<>();
    ServerMode mode = servers.mode(repo);
    EmbeddedPostgres.Settings settings = servers.embeddedSettings(repo);
    EmbeddedPostgres.Status embedded = servers.embedded().status(settings);
    switch (mode) {
      case EMBEDDED -> {
        if (embedded.initialised()) {
          targets.put(EMBEDDED, () -> servers.server(repo, reporter));
        }
      }
      case URL, COMPOSE -> targets.put("the " + mode + " server", () -> servers.server(repo, reporter));
      case CONTAINER, COMMAND, NONE, FILE -> { } // command: the list command finds them (CommandDatabases) // container: the containers are the leftovers; none: no server
    }
    if (mode != ServerMode.EMBEDDED && embedded.running()) {
      targets.put(EMBEDDED, () -> servers.startEmbedded(repo, reporter));
    } else if (mode != ServerMode.EMBEDDED && embedded.initialised()) {
      out.add(new GcUseCase.Item("database", EMBEDDED,
          "not searched: it is stopped and " + mode + " is the configured mode (wt db server start, then wt gc)", GcUseCase.Outcome.KEPT));
    }
    return targets;
  }

  private GcUseCase.Item container(String name, String slug, boolean yes, Reporter reporter) {
    if (!yes) {
      return new GcUseCase.Item("container", name, "with the databases of " + slug, GcUseCase.Outcome.FOUND);
    }
    try {
      containers.remove(name);
      reporter.done("container " + name + ": removed with its databases (its worktree is gone)");
      return new GcUseCase.Item("container", name, "with the databases of " + slug, GcUseCase.Outcome.RELEASED);
    } catch (WtException e) {
      return new GcUseCase.Item("container", name, e.getMessage(), GcUseCase.Outcome.FAILED);
    }
  }

  /** Per-worktree containers ({@code wt-<repo>-<slug>}) of dead worktrees; removing one removes its databases. */
  private List<GcUseCase.Item> containers(Repo repo, Set<String> live, LiveWorktrees guard, boolean yes,
      Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    boolean used = servers.mode(repo) == ServerMode.CONTAINER || repo.state().all().stream()
        .anyMatch(r -> r.databases().stream().anyMatch(d -> d.mode() == ServerMode.CONTAINER));
    if (!used) {
      return out;
    }
    if (!containers.available()) {
      out.add(new GcUseCase.Item("container", "wt-" + repo.serverKey() + "-*",
          "not searched: no Docker engine answers", GcUseCase.Outcome.FAILED));
      return out;
    }
    String prefix = DockerServers.containerName(repo.serverKey(), "");
    for (String name : containers.names(prefix)) {
      Optional<String> slug = Leftovers.containerSlug(name, prefix);
      if (slug.isEmpty() || live.contains(slug.get())) {
        continue;
      }
      out.add(guard.whileDead(repo, slug.get(), () -> container(name, slug.get(), yes, reporter))
          .orElseGet(() -> LiveWorktrees.busy("container", name, slug.get())));
    }
    return out;
  }
}
