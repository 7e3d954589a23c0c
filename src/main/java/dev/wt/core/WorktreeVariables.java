package dev.wt.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one source of a worktree's variables: the env file, {@code wt env}, {@code wt run}, set-up
 * commands and {@code wt db migrate} all get this map, in this order: identity ({@code WT_*}),
 * ports, URL, databases, Redis, then the configured {@code [env.vars]} with their placeholders expanded.
 */
public final class WorktreeVariables {

  private WorktreeVariables() {}

  /** The names {@link #identity} gives, for checking templates before any record exists. */
  public static List<String> names() {
    return List.of("WT_PROJECT", "WT_BRANCH", "WT_SLUG", "WT_NAME", "WT_SUBDOMAIN", "WT_REPO", "WT_PATH", "WT_MAIN_PATH");
  }

  /**
   * Every variable of a frozen record. A key of {@code configured} that wt also sets replaces
   * wt's value in place (a file never holds the same key twice, which dotenv libraries resolve
   * differently); templates see wt's own values only.
   *
   * @param configured {@code [env.vars]}: name to template
   */
  public static Map<String, String> of(WorktreeRecord record, Map<String, String> configured) {
    Map<String, String> vars = provisioned(record);
    Map<String, String> base = Map.copyOf(vars);
    for (Map.Entry<String, String> e : configured.entrySet()) {
      vars.put(e.getKey(), Template.expand(e.getValue(), base, "env.vars." + e.getKey()));
    }
    return vars;
  }

  /** Identity, ports, URL and databases: what wt itself gives, without {@code [env.vars]}. */
  private static Map<String, String> provisioned(WorktreeRecord record) {
    Map<String, String> vars = identityAndPorts(record);
    if (record.url() != null) {
      vars.put("WT_URL", record.url());
    }
    record.databases().forEach(d -> vars.putAll(d.vars()));
    if (record.redis() != null) {
      vars.putAll(record.redis().vars());
    }
    return vars;
  }

  /** What the URL pattern may name: the identity and the ports. */
  public static Map<String, String> identityAndPorts(WorktreeRecord record) {
    Map<String, String> vars = identity(record.project(), record.identity(), record.path(), record.mainPath());
    vars.putAll(ports(record.ports()));
    return vars;
  }

  private static Map<String, String> identity(String project, WorktreeIdentity identity, String path, String mainPath) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("WT_PROJECT", project);
    vars.put("WT_BRANCH", identity.branch());
    vars.put("WT_SLUG", identity.slug());
    // the names worktree_dir knows, so that every placeholder works everywhere
    vars.put("WT_NAME", identity.readable());
    vars.put("WT_SUBDOMAIN", identity.subdomain());
    java.nio.file.Path mainName = mainPath == null ? null : java.nio.file.Path.of(mainPath).getFileName();
    vars.put("WT_REPO", mainName == null ? project : mainName.toString());
    vars.put("WT_PATH", path);
    vars.put("WT_MAIN_PATH", mainPath);
    return vars;
  }

  /** {@code WT_PORT}, {@code WT_PORT_1}..., and {@code PORT} (read by most dev servers). */
  public static Map<String, String> ports(List<Integer> ports) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (ports.isEmpty()) {
      return vars;
    }
    vars.put("WT_PORT", ports.get(0).toString());
    for (int i = 1; i < ports.size(); i++) {
      vars.put("WT_PORT_" + i, ports.get(i).toString());
    }
    vars.put("PORT", ports.get(0).toString());
    return vars;
  }
}
