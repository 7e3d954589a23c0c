package dev.wt.adapter.fs;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Says in TOML words what a configuration key accepts, found from the config records' types. */
final class ConfigTypes {

  private ConfigTypes() {}

  /** The declared type at {@code path} below {@code root}; null when the path leaves the records. */
  static Type typeAt(Type root, List<JsonMappingException.Reference> path) {
    Type t = root;
    for (JsonMappingException.Reference ref : path) {
      if (t == null) {
        return null;
      }
      Class<?> raw = RecordBinding.raw(t);
      if (ref.getFieldName() == null) {
        t = RecordBinding.argument(t, 0); // a list element
      } else if (Map.class.isAssignableFrom(raw)) {
        t = RecordBinding.argument(t, 1);
      } else if (raw.isRecord()) {
        t = component(raw, ref.getFieldName());
      } else {
        return null;
      }
    }
    return t;
  }

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

  private static Type component(Class<?> record, String name) {
    for (RecordComponent c : record.getRecordComponents()) {
      if (TomlConfigLoader.KEYS.translate(c.getName()).equals(name)) {
        return c.getGenericType();
      }
    }
    return null;
  }
}
