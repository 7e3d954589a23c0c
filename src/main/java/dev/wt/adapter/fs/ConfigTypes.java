package dev.wt.adapter.fs;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/** Says in TOML words what a configuration key accepts, found from the config records' types. */
final class ConfigTypes {

  private ConfigTypes() {}

  /** "a string", "true or false", "a list of strings", "a table", ... */
  static String describe(Type t) {
    Class<?> raw = RecordBinding.raw(t);
    if (raw == Object.class) {
      return "another type";
    }
    if (raw == String.class) {
      return "a string";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "true or false";
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return "a whole number";
    }
    if (raw == Double.class || raw == double.class) {
      return "a number";
    }
    if (raw == java.time.Instant.class) {
      return "a timestamp";
    }
    if (raw.isEnum()) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return "a list of " + plural(describe(RecordBinding.argument(t, 0)));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "a table of " + plural(describe(RecordBinding.argument(t, 1)));
    }
    return "a table";
  }

  private static String plural(String one) {
    return switch (one) {
      case "true or false" -> "true/false values";
      case "another type" -> "values";
      default -> one.replaceFirst("^an? ", "") + "s";
    };
  }
}
