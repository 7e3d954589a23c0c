package dev.wt.app.resource;

import dev.wt.core.WtException;
import dev.wt.core.config.PortsConfig;
import dev.wt.port.PortProbe;
import dev.wt.port.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conductor's ports: {@code CONDUCTOR_PORT} and the ones after it, which Conductor reserves per workspace. */
final class ConductorPorts {

  /** How many ports Conductor reserves per workspace, starting at {@code CONDUCTOR_PORT}. */
  static final int COUNT = 10;

  private ConductorPorts() {}

  /** The first port, from {@code CONDUCTOR_PORT}; null when it is not set. */
  static Integer first(Map<String, String> env) {
    String value = env.get("CONDUCTOR_PORT");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port < 1 || port + COUNT - 1 > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw WtException.refused("CONDUCTOR_PORT is not a port number: " + value, "unset it, or set it to e.g. 55100");
    }
  }

  /** The block from {@code first}; a busy port is reported, not refused: Conductor owns them. */
  static List<Integer> block(int first, PortsConfig config, PortProbe probe, Reporter reporter) {
    if (config.count() > COUNT) {
      reporter.warn("ports.count is " + config.count() + " but Conductor reserves " + COUNT + " ports");
    }
    List<Integer> block = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      block.add(first + i);
    }
    for (int port : block) {
      if (!probe.isFree(port)) {
        reporter.warn("port " + port + " from CONDUCTOR_PORT is in use by "
            + probe.holder(port).orElse("another process"));
      }
    }
    return block;
  }
}
