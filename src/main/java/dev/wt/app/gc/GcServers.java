package dev.wt.app.gc;

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
 * repository is searched for databases marked as a dead worktree's, and per-worktree containers
 * of dead worktrees are found by name.
 */
public final class GcServers {

  private final DatabaseServers servers;
  private final Containers containers;

  public GcServers(DatabaseServers servers, Containers containers) {
    this.servers = servers;
    this.containers = containers;
  }

  /** Finds (and with {@code yes} drops or removes) what dead worktrees left on the servers. */
  List<GcUseCase.Item> sweep(Repo repo, Set<String> live, LiveWorktrees guard, boolean yes, Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    Set<String> protectedNames = new HashSet<>();
    for (DatabasePlan plan : DatabasePlan.of(repo.config().databases().effective(), repo.project())) {
      protectedNames.add(plan.main());
      protectedNames.add(plan.template());
    }
    for (Map.Entry<String, Supplier<PgServer>> target : targets(repo, reporter, out).entrySet()) {
      PgServer server;
      try {
        server = target.getValue().get();
      } catch (WtException e) {
        out.add(new GcUseCase.Item("database", target.getKey(), "not searched: " + e.getMessage(), "failed"));
        continue;
      }
      try (Postgres.Session s = servers.postgres().open(server, server.adminDatabase())) {
        for (Postgres.DatabaseInfo info : s.databases()) {
          if (Leftovers.orphanDatabase(info.name(), info.comment(), info.template(), repo.key(), live, protectedNames)) {
            // dropped holding the worktree's lock, so never under an up that is making it
            String slug = Leftovers.markedSlug(info.comment(), repo.key()).orElseThrow();
            out.add(guard.whileDead(repo, slug, () -> drop(s, info, target.getKey(), yes, reporter))
                .orElseGet(() -> LiveWorktrees.busy(Leftovers.staging(info.name()) ? "staging" : "database", info.name(),
                    slug)));
          }
        }
      } catch (WtException e) {
        out.add(new GcUseCase.Item("database", target.getKey(), "not searched: " + e.getMessage(), "failed"));
      }
    }
    out.addAll(containers(repo, live, guard, yes, reporter));
    return out;
  }

  /**
   * The servers to search, by a name for messages: the configured mode's server (started when it is
   * wt's), and the embedded cluster when it runs though another mode is configured now.
   */
  private Map<String, Supplier<PgServer>> targets(Repo repo, Reporter reporter, List<GcUseCase.Item> out) {
    Map<String, Supplier<PgServer>> targets = new LinkedHashMap<>();
    String mode = servers.mode(repo);
    EmbeddedPostgres.Settings settings = servers.embeddedSettings(repo);
    EmbeddedPostgres.Status embedded = servers.embedded().status(settings);
    switch (mode) {
      case "embedded" -> {
        if (embedded.initialised()) {
          targets.put("the embedded cluster", () -> servers.server(repo, reporter));
        }
      }
      case "url", "compose" -> targets.put("the " + mode + " server", () -> servers.server(repo, reporter));
      default -> { } // container: the containers are the leftovers; none: no server
    }
    if (!mode.equals("embedded") && embedded.running()) {
      targets.put("the embedded cluster", () -> servers.embedded().start(settings, reporter));
    } else if (!mode.equals("embedded") && embedded.initialised()) {
      out.add(new GcUseCase.Item("database", "the embedded cluster",
          "not searched: it is stopped and " + mode + " is the configured mode (wt db server start, then wt gc)", "kept"));
    }
    return targets;
  }

  private static GcUseCase.Item drop(Postgres.Session s, Postgres.DatabaseInfo info, String where, boolean yes,
      Reporter reporter) {
    String kind = Leftovers.staging(info.name()) ? "staging" : "database";
    String detail = "on " + where + ", marked '" + info.comment() + "'";
    if (!yes) {
      return new GcUseCase.Item(kind, info.name(), detail, "found");
    }
    try {
      // read again just before dropping: the mark decides, not what was listed a moment ago
      Optional<Postgres.DatabaseInfo> now = s.database(info.name());
      if (now.isEmpty()) {
        return new GcUseCase.Item(kind, info.name(), detail + "; already gone", "released");
      }
      if (!info.comment().equals(now.get().comment()) || now.get().template()) {
        return new GcUseCase.Item(kind, info.name(), "its mark changed while gc ran", "kept");
      }
      s.drop(info.name());
      reporter.done("database " + info.name() + ": dropped (its worktree is gone)");
      return new GcUseCase.Item(kind, info.name(), detail, "released");
    } catch (WtException e) {
      return new GcUseCase.Item(kind, info.name(), detail + ": " + e.getMessage(), "failed");
    }
  }

  private GcUseCase.Item container(String name, String slug, boolean yes, Reporter reporter) {
    if (!yes) {
      return new GcUseCase.Item("container", name, "with the databases of " + slug, "found");
    }
    try {
      containers.remove(name);
      reporter.done("container " + name + ": removed with its databases (its worktree is gone)");
      return new GcUseCase.Item("container", name, "with the databases of " + slug, "released");
    } catch (WtException e) {
      return new GcUseCase.Item("container", name, e.getMessage(), "failed");
    }
  }

  /** Per-worktree containers ({@code wt-<repo>-<slug>}) of dead worktrees; removing one removes its databases. */
  private List<GcUseCase.Item> containers(Repo repo, Set<String> live, LiveWorktrees guard, boolean yes,
      Reporter reporter) {
    List<GcUseCase.Item> out = new ArrayList<>();
    boolean used = servers.mode(repo).equals("container") || repo.state().all().stream()
        .anyMatch(r -> r.databases().stream().anyMatch(d -> d.mode().equals("container")));
    if (!used) {
      return out;
    }
    if (!containers.available()) {
      out.add(new GcUseCase.Item("container", "wt-" + DatabaseServers.repoKey(repo) + "-*",
          "not searched: no Docker engine answers", "failed"));
      return out;
    }
    String prefix = DockerServers.containerName(DatabaseServers.repoKey(repo), "");
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
