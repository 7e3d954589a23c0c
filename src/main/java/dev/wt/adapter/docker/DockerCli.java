package dev.wt.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.adapter.fs.Json;
import dev.wt.adapter.process.Exec;
import dev.wt.core.PgServer;
import dev.wt.core.WtException;
import dev.wt.port.Containers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Containers} over the docker CLI; compose through {@code docker compose} (v2) or {@code docker-compose} (v1). */
public final class DockerCli implements Containers {

  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final Duration LONG = Duration.ofMinutes(10);

  private final String docker;
  private List<String> compose;

  public DockerCli(Map<String, String> env) {
    this.docker = env.getOrDefault("WT_DOCKER", "docker");
  }

  @Override
  public boolean available() {
    return answers(docker);
  }

  /** Whether the engine behind the {@code docker} CLI answers. */
  static boolean answers(String docker) {
    try {
      return Exec.run(List.of(docker, "info", "--format", "{{.ServerVersion}}"), null, Map.of(), SHORT).ok();
    } catch (WtException e) {
      return false;
    }
  }

  /** v2 plugin when it answers, else the v1 binary. */
  List<String> compose() {
    if (compose == null) {
      compose = detectCompose(docker);
    }
    return compose;
  }

  /** {@code docker compose} when the v2 plugin answers, else the v1 {@code docker-compose} binary. */
  static List<String> detectCompose(String docker) {
    boolean v2;
    try {
      v2 = Exec.run(List.of(docker, "compose", "version"), null, Map.of(), SHORT).ok();
    } catch (WtException e) {
      v2 = false;
    }
    return v2 ? List.of(docker, "compose") : List.of("docker-compose");
  }

  private Exec.Result composeRun(Path dir, String file, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(compose());
    cmd.addAll(List.of("-f", file));
    cmd.addAll(List.of(args));
    return Exec.run(cmd, dir, Map.of(), timeout);
  }

  @Override
  public void composeUp(Path dir, String file, String service) {
    Exec.Result r = composeRun(dir, file, LONG, "up", "-d", service);
    if (!r.ok()) {
      throw WtException.environment("`" + String.join(" ", compose()) + " up -d " + service + "` failed: "
          + PgServer.mask(last(r.stderr())), "check " + dir.resolve(file) + " and that the Docker engine runs");
    }
  }

  @Override
  public int composePort(Path dir, String file, String service, int containerPort) {
    Exec.Result r = composeRun(dir, file, SHORT, "port", service, String.valueOf(containerPort));
    String out = r.stdout().strip();
    if (!r.ok() || !out.contains(":")) {
      throw WtException.environment("the compose service " + service + " publishes no port for " + containerPort,
          "add ports: [\"55432:" + containerPort + "\"] to the service in " + file);
    }
    return Integer.parseInt(out.lines().findFirst().orElseThrow().replaceAll(".*:", "").strip());
  }

  @Override
  public Map<String, String> composeEnv(Path dir, String file, String service) {
    Exec.Result ps = composeRun(dir, file, SHORT, "ps", "-q", service);
    String id = ps.stdout().strip();
    if (!ps.ok() || id.isEmpty()) {
      return Map.of();
    }
    Exec.Result r = Exec.run(List.of(docker, "inspect", "--format", "{{json .Config.Env}}", id.lines().findFirst().get()),
        null, Map.of(), SHORT);
    Map<String, String> env = new LinkedHashMap<>();
    if (!r.ok()) {
      return env;
    }
    try {
      for (JsonNode n : Json.mapper().readTree(r.stdout())) {
        String kv = n.asText();
        int eq = kv.indexOf('=');
        if (eq > 0) {
          env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      // no env means the defaults (user postgres, password from the config)
    }
    return env;
  }

  @Override
  public boolean exists(String name) {
    return Exec.run(List.of(docker, "container", "inspect", "--format", "{{.Id}}", name), null, Map.of(), SHORT).ok();
  }

  @Override
  public void start(String name) {
    Exec.Result r = Exec.run(List.of(docker, "start", name), null, Map.of(), SHORT);
    if (!r.ok()) {
      throw WtException.environment("cannot start container " + name + ": " + last(r.stderr()), "docker logs " + name);
    }
  }

  @Override
  public void run(String name, String image, int hostPort, int containerPort, Map<String, String> env,
      Map<String, String> labels, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(docker, "run", "-d", "--name", name,
        "-p", "127.0.0.1:" + hostPort + ":" + containerPort));
    // values go as separate argv entries: nothing reaches a shell
    env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
    labels.forEach((k, v) -> cmd.addAll(List.of("--label", k + "=" + v)));
    cmd.add(image);
    cmd.addAll(args);
    Exec.Result r = Exec.run(cmd, null, Map.of(), LONG);
    if (!r.ok()) {
      throw WtException.environment("docker run " + image + " failed: " + PgServer.mask(last(r.stderr())),
          "check that the image exists ([postgres] image) and port " + hostPort + " is free");
    }
  }

  @Override
  public boolean remove(String name) {
    if (!exists(name)) {
      return false;
    }
    Exec.Result r = Exec.run(List.of(docker, "rm", "-f", "-v", name), null, Map.of(), Duration.ofMinutes(2));
    if (!r.ok()) {
      throw WtException.environment("cannot remove container " + name + ": " + last(r.stderr()), "docker rm -f " + name);
    }
    return true;
  }

  @Override
  public List<String> names(String prefix) {
    // the name filter matches anywhere in the name: keep exact prefixes only
    Exec.Result r = Exec.run(List.of(docker, "ps", "-a", "--filter", "name=" + prefix, "--format", "{{.Names}}"), null,
        Map.of(), SHORT);
    if (!r.ok()) {
      throw WtException.environment("cannot list containers: " + last(r.stderr()), "check that the Docker engine runs");
    }
    return r.stdout().lines().map(String::strip).filter(n -> n.startsWith(prefix)).sorted().toList();
  }

  @Override
  public Optional<Integer> port(String name, int containerPort) {
    Exec.Result r = Exec.run(List.of(docker, "port", name, String.valueOf(containerPort)), null, Map.of(), SHORT);
    String out = r.stdout().strip();
    if (!r.ok() || !out.contains(":")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(out.lines().findFirst().orElseThrow().replaceAll(".*:", "").strip()));
  }

  private static String last(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }
}
