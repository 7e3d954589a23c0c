package dev.wt.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured databases, in order. Null {@code list} means "not configured": the default
 * {@code app} database then applies (unless {@code [postgres] mode = "none"}).
 */
public record DatabasesConfig(List<DatabaseConfig> list) {

  public DatabasesConfig {
    if (list != null) {
      list = List.copyOf(list);
      Set<String> seen = new HashSet<>();
      for (DatabaseConfig d : list) {
        if (d.name() == null) {
          throw new IllegalArgumentException("every [[databases]] entry needs a name");
        }
        if (!seen.add(d.name())) {
          throw new IllegalArgumentException("database " + d.name() + " is configured twice");
        }
      }
    }
  }

  public static DatabasesConfig unset() {
    return new DatabasesConfig(null);
  }

  /** The databases a worktree gets. */
  public List<DatabaseConfig> effective() {
    return list == null ? List.of(DatabaseConfig.defaultApp()) : list;
  }
}
