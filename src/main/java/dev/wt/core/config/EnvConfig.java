package dev.wt.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Where the generated env file goes and the template of its keys (values may hold placeholders). */
public record EnvConfig(String file, Map<String, String> vars) {

  public static final String DEFAULT_FILE = ".env.development.local";
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public EnvConfig {
    file = file == null ? DEFAULT_FILE : file;
    ConfigPaths.requireWritable("env.file", file);
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    for (Map.Entry<String, String> e : vars.entrySet()) {
      if (!KEY.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("env.vars key is not a valid variable name: " + e.getKey());
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("env.vars." + e.getKey() + " must be a string");
      }
    }
  }
}
