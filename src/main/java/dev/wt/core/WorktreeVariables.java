package dev.wt.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code WT_*} variables of a worktree, in the order they are written to its env file. */
public final class WorktreeVariables {

  private WorktreeVariables() {}

  /** The names {@link #of} gives, for checking templates before any record exists. */
  public static java.util.List<String> names() {
    return java.util.List.of("WT_PROJECT", "WT_BRANCH", "WT_SLUG", "WT_SUBDOMAIN", "WT_PATH", "WT_MAIN_PATH");
  }

  /** Variables derived from a frozen record; later stages (ports, databases) add their own. */
  public static Map<String, String> of(WorktreeRecord record) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("WT_PROJECT", record.project());
    vars.put("WT_BRANCH", record.identity().branch());
    vars.put("WT_SLUG", record.slug());
    vars.put("WT_SUBDOMAIN", record.identity().subdomain());
    vars.put("WT_PATH", record.path());
    vars.put("WT_MAIN_PATH", record.mainPath());
    return vars;
  }
}
