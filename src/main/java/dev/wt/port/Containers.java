package dev.wt.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker engine as wt uses it: a compose service shared by all worktrees, or one container each. */
public interface Containers {

  /** Whether an engine answers ({@code docker info}). */
  boolean available();

  /** {@code docker compose up -d SERVICE} (v2, else docker-compose v1) in {@code dir}. */
  void composeUp(Path dir, String file, String service);

  /** The host port published for the service's {@code containerPort}. */
  int composePort(Path dir, String file, String service, int containerPort);

  /** The environment the service's container runs with (POSTGRES_USER, POSTGRES_PASSWORD, ...). */
  Map<String, String> composeEnv(Path dir, String file, String service);

  /** Whether a container of that name exists (running or not). */
  boolean exists(String name);

  /** Starts an existing, stopped container. */
  void start(String name);

  /**
   * {@code docker run -d --name NAME -p 127.0.0.1:HOSTPORT:5432 -e ... --label ... IMAGE ARGS}.
   */
  void run(String name, String image, int hostPort, int containerPort, Map<String, String> env,
      Map<String, String> labels, List<String> args);

  /** {@code docker rm -f}; false when there was none. */
  boolean remove(String name);

  /** The host port a container publishes for {@code containerPort}, if it runs. */
  Optional<Integer> port(String name, int containerPort);

  /** Names of every container (running or not) whose name starts with {@code prefix}. */
  default List<String> names(String prefix) {
    return List.of();
  }
}
