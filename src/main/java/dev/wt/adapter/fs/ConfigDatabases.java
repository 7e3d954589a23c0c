package dev.wt.adapter.fs;

import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.DatabasesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code databases} in either TOML form: an array of tables ({@code [[databases]]} with
 * {@code name = ...}) or a table of tables ({@code [databases.app]}, the key is the name).
 */
final class ConfigDatabases {

  private ConfigDatabases() {}

  static DatabasesConfig read(Object plain, RecordBinding binding) {
    List<DatabaseConfig> out = new ArrayList<>();
    if (plain instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.add(binding.readAt(i, list.get(i), DatabaseConfig.class));
      }
    } else if (plain instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        DatabaseConfig d = binding.readAt(e.getKey(), e.getValue(), DatabaseConfig.class);
        if (d.name() != null && !d.name().equals(e.getKey())) {
          throw binding.mismatch("databases." + e.getKey() + " has name = \"" + d.name()
              + "\"; in this form the key is the name");
        }
        try {
          out.add(d.withName((String) e.getKey()));
        } catch (IllegalArgumentException x) {
          throw binding.mismatch(x.getMessage());
        }
      }
    } else {
      throw binding.mismatch("databases must be [[databases]] entries or [databases.<name>] tables");
    }
    try {
      return new DatabasesConfig(out);
    } catch (IllegalArgumentException x) {
      throw binding.mismatch(x.getMessage());
    }
  }
}
