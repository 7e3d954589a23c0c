package dev.wt.app.resource;

import dev.wt.app.Repo;
import dev.wt.app.trust.TrustGate;
import dev.wt.core.ComposeProject;
import dev.wt.core.RepoCommands;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.core.config.ServicesConfig;
import dev.wt.port.ComposeProjects;
import dev.wt.port.LocalFiles;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code [services] compose_file}: a compose project per worktree, {@code <project>_<slug>}, started
 * with the worktree's variables (so the file can publish {@code ${WT_PORT_1}}) and waited for until
 * every container is running and healthy. Teardown removes that project with its volumes, found by
 * its name alone, so no other project's containers or volumes are touched. The file runs
 * containers the repository chose, so it starts only once trusted.
 */
public final class ComposeServices implements ResourceProvisioner {

  /** How often the containers' health is read while waiting. */
  private static final Duration POLL = Duration.ofMillis(500);

  private final ComposeProjects compose;
  private final TrustGate trust;
  private final LocalFiles disk;

  public ComposeServices(ComposeProjects compose, TrustGate trust, LocalFiles disk) {
    this.compose = compose;
    this.trust = trust;
    this.disk = disk;
  }

  @Override
  public String name() {
    return "services";
  }

  @Override
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    if (repo.config().services().enabled() && !compose.available()) {
      throw noEngine(repo);
    }
  }

  @Override
  public WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter) {
    ServicesConfig config = repo.config().services();
    if (!config.enabled()) {
      return record;
    }
    Path dir = Path.of(record.path());
    String project = ComposeProject.name(repo.project(), record.slug());
    if (!disk.isFile(dir.resolve(config.composeFile()))) {
      throw WtException.refused("services.compose_file " + config.composeFile() + " is not in the worktree " + dir,
          "commit the file on this branch, or fix [services] compose_file in wt.toml");
    }
    trust.requireLocalCompose(repo, dir, config.composeFile(), RepoCommands.COMPOSE_KEY);
    trust.require(repo, RepoCommands.COMPOSE_KEY, "wt setup", dir, reporter);
    if (!compose.available()) {
      throw noEngine(repo);
    }
    long started = System.nanoTime();
    Duration timeout = repo.config().setup().timeoutDuration();
    String failure = compose.up(dir, config.composeFile(), project, variables(repo, record, project), timeout);
    if (failure != null) {
      throw WtException.environment("`" + compose.command() + " -p " + project + " up -d` failed: " + failure,
          "fix " + config.composeFile() + ", then wt setup; wt teardown removes what it started");
    }
    List<ComposeProjects.Service> ready = awaitHealthy(project, config, timeout, started);
    reporter.done("services: compose project " + project + ", " + ready.size() + " container(s) ready in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
    return record;
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    ServicesConfig config = repo.config().services();
    if (!config.enabled()) {
      return record;
    }
    String project = ComposeProject.name(repo.project(), record.slug());
    if (!compose.available()) {
      throw noEngine(repo);
    }
    if (compose.services(project).isEmpty() && !compose.projects().contains(project)) {
      return record; // never started, or already removed
    }
    Path dir = Path.of(record.path());
    String failure = compose.down(disk.isDirectory(dir) ? dir : null, config.composeFile(), project,
        variables(repo, record, project));
    if (failure != null) {
      throw WtException.partial("compose project " + project + " not fully removed: " + failure,
          "check `docker ps -a --filter label=com.docker.compose.project=" + project + "`, then wt teardown again");
    }
    reporter.done("services: compose project " + project + " removed with its volumes");
    return record;
  }

  /** For {@code wt gc}: this repository's compose projects whose worktree is not among {@code live} slugs. */
  public List<String> leftovers(Repo repo, Set<String> live) {
    if (!compose.available()) {
      throw noEngine(repo);
    }
    return compose.projects().stream()
        .filter(p -> ComposeProject.slugOf(p, repo.project()).map(s -> !live.contains(s)).orElse(false))
        .collect(Collectors.toList());
  }

  /** Removes a project {@link #leftovers} found, by its label; null when it went, else why not. */
  public String removeLeftover(String project) {
    return compose.down(null, null, project, Map.of());
  }

  /** The slug a project of this repository belongs to. */
  public static String slugOf(Repo repo, String project) {
    return ComposeProject.slugOf(project, repo.project()).orElseThrow();
  }

  private List<ComposeProjects.Service> awaitHealthy(String project, ServicesConfig config, Duration timeout,
      long started) {
    long deadline = started + timeout.toNanos();
    while (true) {
      List<ComposeProjects.Service> all = compose.services(project);
      List<ComposeProjects.Service> failed = all.stream().filter(ComposeProjects.Service::failed).toList();
      if (!failed.isEmpty()) {
        throw WtException.environment("compose project " + project + ": " + describe(failed),
            "docker logs " + failed.get(0).name() + "; fix " + config.composeFile()
                + ", then wt setup (wt teardown removes the project)");
      }
      if (!all.isEmpty() && all.stream().allMatch(ComposeProjects.Service::ready)) {
        return all;
      }
      if (System.nanoTime() > deadline) {
        throw WtException.environment("compose project " + project + " not ready within "
            + timeout.toSeconds() + " s: " + describe(all.stream().filter(s -> !s.ready()).toList()),
            "raise [setup] timeout, or check the health checks in " + config.composeFile());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WtException.internal("interrupted while waiting for compose project " + project, e);
      }
    }
  }

  private static String describe(List<ComposeProjects.Service> services) {
    if (services.isEmpty()) {
      return "no container started";
    }
    return services.stream().map(s -> s.name() + " " + s.state() + (s.health().isEmpty() ? "" : " (" + s.health() + ")")
        + ("exited".equals(s.state()) ? " with exit code " + s.exitCode() : "")).collect(Collectors.joining(", "));
  }

  private static Map<String, String> variables(Repo repo, WorktreeRecord record, String project) {
    Map<String, String> vars = WorktreeVariables.of(record, repo.config().env().vars());
    vars.put("WT_COMPOSE_PROJECT", project);
    return vars;
  }

  private static WtException noEngine(Repo repo) {
    return WtException.environment("[services] compose_file needs a Docker engine and none answers",
        "start Docker (docker info must work), or remove [services] from wt.toml");
  }
}
