package dev.wt.adapter.docker;

import dev.wt.adapter.process.Exec;
import dev.wt.core.Secrets;
import dev.wt.core.WtException;
import dev.wt.port.ComposeProjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ComposeProjects} over the docker CLI and {@code docker compose} (v2) or
 * {@code docker-compose} (v1), whichever answers. A project's things are found by the label
 * compose puts on each ({@code com.docker.compose.project}), matched exactly, so removing one
 * project never touches another's containers or volumes.
 */
public final class DockerCompose implements ComposeProjects {

  static final String LABEL = "com.docker.compose.project";
  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final Duration REMOVE = Duration.ofMinutes(3);

  private final String docker;
  private List<String> compose;

  public DockerCompose(Map<String, String> env) {
    this.docker = env.getOrDefault("WT_DOCKER", "docker");
  }

  @Override
  public boolean available() {
    return DockerCli.answers(docker);
  }

  @Override
  public String command() {
    return String.join(" ", compose());
  }

  private List<String> compose() {
    if (compose == null) {
      compose = DockerCli.detectCompose(docker);
    }
    return compose;
  }

  @Override
  public String up(Path dir, String file, String project, Map<String, String> env, Duration timeout) {
    Exec.Result r = run(dir, file, project, env, timeout, "up", "-d");
    return r.ok() ? null : last(r.stderr());
  }

  @Override
  public List<Service> services(String project) {
    List<String> ids = ids(List.of(docker, "ps", "-a", "-q", "--filter", "label=" + LABEL + "=" + project));
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> cmd = new ArrayList<>(List.of(docker, "inspect", "--format",
        "{{.Name}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.ExitCode}}"));
    cmd.addAll(ids);
    Exec.Result r = Exec.run(cmd, null, Map.of(), SHORT);
    List<Service> out = new ArrayList<>();
    for (String line : r.stdout().lines().toList()) {
      String[] f = line.split("\\|", -1);
      if (f.length == 4) {
        int code;
        try {
          code = Integer.parseInt(f[3].strip());
        } catch (NumberFormatException e) {
          code = -1;
        }
        out.add(new Service(f[0].replaceFirst("^/", ""), f[1], f[2], code));
      }
    }
    return out;
  }

  @Override
  public String down(Path dir, String file, String project, Map<String, String> env) {
    List<String> failures = new ArrayList<>();
    if (dir != null && file != null && dir.resolve(file).toFile().isFile()) {
      Exec.Result r = run(dir, file, project, env, REMOVE, "down", "-v", "--remove-orphans");
      if (!r.ok()) {
        failures.add(command() + " down: " + last(r.stderr()));
      }
    }
    // what compose left, or everything when the file is gone: by the project's label only
    String filter = "label=" + LABEL + "=" + project;
    remove(List.of(docker, "ps", "-a", "-q", "--filter", filter), List.of(docker, "rm", "-f", "-v"), failures);
    remove(List.of(docker, "network", "ls", "-q", "--filter", filter), List.of(docker, "network", "rm"), failures);
    remove(List.of(docker, "volume", "ls", "-q", "--filter", filter), List.of(docker, "volume", "rm", "-f"), failures);
    return failures.isEmpty() ? null : String.join("; ", failures);
  }

  @Override
  public Set<String> projects() {
    Set<String> out = new TreeSet<>();
    String format = "{{.Label \"" + LABEL + "\"}}";
    for (List<String> list : List.of(List.of(docker, "ps", "-a"), List.of(docker, "network", "ls"),
        List.of(docker, "volume", "ls"))) {
      List<String> cmd = new ArrayList<>(list);
      cmd.addAll(List.of("--filter", "label=" + LABEL, "--format", format));
      Exec.Result r = Exec.run(cmd, null, Map.of(), SHORT);
      if (!r.ok()) {
        throw WtException.environment("cannot list compose projects: " + last(r.stderr()),
            "check that the Docker engine runs");
      }
      r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  private Exec.Result run(Path dir, String file, String project, Map<String, String> env, Duration timeout,
      String... args) {
    List<String> cmd = new ArrayList<>(compose());
    cmd.addAll(List.of("-p", project, "-f", file));
    cmd.addAll(List.of(args));
    return Exec.run(cmd, dir, env, timeout);
  }

  private List<String> ids(List<String> list) {
    Exec.Result r = Exec.run(list, null, Map.of(), SHORT);
    return r.ok() ? r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList() : List.of();
  }

  private void remove(List<String> list, List<String> rm, List<String> failures) {
    List<String> ids = ids(list);
    if (ids.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(rm);
    cmd.addAll(ids);
    Exec.Result r = Exec.run(cmd, null, Map.of(), REMOVE);
    if (!r.ok()) {
      failures.add(String.join(" ", rm.subList(1, rm.size())) + ": " + last(r.stderr()));
    }
  }

  private static String last(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "(no output)" : Secrets.mask(lines.get(lines.size() - 1));
  }
}
