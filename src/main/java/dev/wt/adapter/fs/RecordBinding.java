package dev.wt.adapter.fs;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Records to plain values ({@link PlainJson}'s maps, lists, strings, numbers, booleans) and back,
 * through their components and canonical constructor: what Jackson did for wt's state files, and
 * what a configuration file's tables bind to. Enums are the word their {@code toString} gives,
 * instants ISO text ({@code 2026-11-30T10:15:30.123Z}).
 */
public final class RecordBinding {

  private static final java.util.regex.Pattern NAME_LIKE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private final boolean strict;
  private final Map<Class<?>, Set<String>> omitNull;
  private final Map<Class<?>, BiFunction<Object, RecordBinding, ?>> readers;
  /** Each record type's components, looked up once per binding (saves run on several threads). */
  private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

  private RecordBinding(boolean strict, Map<Class<?>, Set<String>> omitNull,
      Map<Class<?>, BiFunction<Object, RecordBinding, ?>> readers) {
    this.strict = strict;
    this.omitNull = omitNull;
    this.readers = readers;
  }

  /**
   * Keys named as the components, unknown keys skipped, a missing or null primitive 0 or false, and
   * scalars converted as Jackson's defaults did ({@code 5} for a string is {@code "5"}): state files.
   */
  public static RecordBinding lenient() {
    return new RecordBinding(false, Map.of(), Map.of());
  }

  /**
   * Keys in snake_case ({@code worktreeDir} is {@code worktree_dir}), and an unknown key, a null
   * for a primitive or a scalar of another type (a number where a string goes) an error:
   * configuration files.
   */
  public static RecordBinding strict() {
    return new RecordBinding(true, Map.of(), Map.of());
  }

  /**
   * This binding, leaving {@code components} of {@code type} out of the plain value while they are
   * null or an empty list or map (fields added to a file format later stay out of files that do not use them).
   */
  public RecordBinding omittingEmpty(Class<? extends Record> type, String... components) {
    Map<Class<?>, Set<String>> omit = new HashMap<>(omitNull);
    omit.put(type, Set.of(components));
    return new RecordBinding(strict, Map.copyOf(omit), readers);
  }

  /**
   * This binding, reading {@code type} with {@code reader} (given the plain value, never null, and
   * this binding for what is inside it: see {@link #readAt}). An {@link IllegalArgumentException}
   * it throws counts as the value refused, as one from a record's constructor does.
   */
  public <T> RecordBinding reading(Class<T> type, BiFunction<Object, RecordBinding, T> reader) {
    Map<Class<?>, BiFunction<Object, RecordBinding, ?>> all = new HashMap<>(readers);
    all.put(type, reader);
    return new RecordBinding(strict, omitNull, Map.copyOf(all));
  }

  /**
   * {@code plain} as a {@code type}.
   *
   * @throws Mismatch when it does not fit, naming where
   */
  public <T> T read(Object plain, Class<T> type) {
    @SuppressWarnings("unchecked")
    T value = (T) value(plain, type);
    return value;
  }

  /** {@code plain}, found under {@code key} (a name, or a list item's index), as a {@code type}: for custom readers. */
  public <T> T readAt(Object key, Object plain, Class<T> type) {
    try {
      return read(plain, type);
    } catch (Mismatch m) {
      throw m.at(key);
    }
  }

  /** The error a custom reader throws for a value it cannot take, in the user's words. */
  public Mismatch mismatch(String detail) {
    return new Mismatch(detail, List.of(), null);
  }

  /** {@code value} (a record, list, map, enum, instant, string, number, boolean or null) as plain values. */
  public Object toPlain(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum<?> || value instanceof Instant) {
      return value.toString();
    }
    if (value instanceof Record) {
      Shape shape = shape(value.getClass());
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < shape.keys.length; i++) {
        Object v = invoke(shape.accessors[i], value);
        if (!shape.omitNull[i] || !absent(v)) {
          out.put(shape.keys[i], toPlain(v));
        }
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), toPlain(e.getValue()));
      }
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object v : items) {
        out.add(toPlain(v));
      }
      return out;
    }
    throw new IllegalArgumentException("no plain form for a " + value.getClass().getName());
  }

  private Object value(Object plain, Type type) {
    Class<?> raw = raw(type);
    if (plain == null) {
      if (!raw.isPrimitive()) {
        return null;
      }
      if (strict) {
        throw expected(type);
      }
      return zero(raw);
    }
    BiFunction<Object, RecordBinding, ?> reader = readers.get(raw);
    if (reader != null) {
      try {
        return reader.apply(plain, this);
      } catch (IllegalArgumentException e) {
        throw new Mismatch(e.getMessage(), List.of(), e);
      }
    }
    if (raw == String.class) {
      if (plain instanceof String || (!strict && (plain instanceof Number || plain instanceof Boolean))) {
        return plain.toString();
      }
      throw expected(type);
    }
    if (raw == int.class || raw == Integer.class) {
      return (int) whole(plain, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (raw == long.class || raw == Long.class) {
      return whole(plain, type, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == double.class || raw == Double.class) {
      if (plain instanceof Number n) {
        return n.doubleValue();
      }
      try {
        return Double.parseDouble(scalarText(plain, type));
      } catch (NumberFormatException e) {
        throw expected(type);
      }
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (plain instanceof Boolean) {
        return plain;
      }
      String text = scalarText(plain, type);
      if (!text.equals("true") && !text.equals("false")) {
        throw expected(type);
      }
      return Boolean.valueOf(text);
    }
    if (raw == Object.class) {
      return plain;
    }
    if (raw.isEnum()) {
      return constant(plain, raw);
    }
    if (raw == Instant.class) {
      try {
        return Instant.parse(scalarText(plain, type));
      } catch (DateTimeParseException e) {
        throw expected(type);
      }
    }
    if (raw.isRecord() && plain instanceof Map<?, ?> map) {
      return record(map, raw);
    }
    if (Collection.class.isAssignableFrom(raw) && plain instanceof List<?> list) {
      Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>(list.size());
      Type item = argument(type, 0);
      for (int i = 0; i < list.size(); i++) {
        out.add(readAt(i, list.get(i), item));
      }
      return out;
    }
    if (Map.class.isAssignableFrom(raw) && plain instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      Type item = argument(type, 1);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put((String) e.getKey(), readAt(e.getKey(), e.getValue(), item));
      }
      return out;
    }
    throw expected(type);
  }

  private Object readAt(Object key, Object plain, Type type) {
    try {
      return value(plain, type);
    } catch (Mismatch m) {
      throw m.at(key);
    }
  }

  private Object record(Map<?, ?> map, Class<?> type) {
    Shape shape = shape(type);
    Object[] args = shape.defaults.clone();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      int i = Arrays.asList(shape.keys).indexOf(e.getKey());
      if (i >= 0) {
        args[i] = readAt(e.getKey(), e.getValue(), shape.types[i]);
      } else if (strict) {
        List<String> known = new ArrayList<>(List.of(shape.keys));
        known.sort(null);
        throw new Mismatch("unknown key", known, null).at(e.getKey());
      }
    }
    try {
      return shape.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      // requireNonNull(x, "name") says which field is missing; anything else is named, not dumped
      String detail = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
          : cause instanceof NullPointerException && cause.getMessage() != null && NAME_LIKE.matcher(cause.getMessage()).matches()
              ? "missing " + cause.getMessage()
              : "cannot make a " + type.getSimpleName() + " of it (" + cause.getClass().getSimpleName() + ")";
      throw new Mismatch(detail, List.of(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call the constructor of " + type.getName(), e);
    }
  }

  private long whole(Object plain, Type type, long min, long max) {
    long v;
    if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
      v = ((Number) plain).longValue();
    } else if (plain instanceof BigInteger big && big.bitLength() < 64) {
      v = big.longValue();
    } else if (plain instanceof BigInteger) {
      throw mismatch(plain + " is out of range");
    } else if (plain instanceof Double d && !strict) {
      v = d.longValue(); // as Jackson's default: a fraction is dropped
    } else {
      try {
        v = Long.parseLong(scalarText(plain, type));
      } catch (NumberFormatException e) {
        throw expected(type);
      }
    }
    if (v < min || v > max) {
      throw mismatch(v + " is out of range (" + min + " to " + max + ")");
    }
    return v;
  }

  /** A string where a number, boolean or instant goes: the strict binding takes one only for an instant. */
  private String scalarText(Object plain, Type type) {
    if (plain instanceof String s && (!strict || raw(type) == Instant.class)) {
      return s;
    }
    throw expected(type);
  }

  private Object constant(Object plain, Class<?> type) {
    List<String> words = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      if (c.toString().equals(plain)) {
        return c;
      }
      words.add(c.toString());
    }
    throw mismatch("expected one of " + String.join(", ", words));
  }

  private Mismatch expected(Type type) {
    return mismatch("expected " + ConfigTypes.describe(type));
  }

  private static boolean absent(Object v) {
    return v == null || v instanceof java.util.Collection<?> c && c.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty();
  }

  private static Object zero(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    }
    if (primitive == long.class) {
      return 0L;
    }
    if (primitive == double.class) {
      return 0.0;
    }
    if (primitive == int.class) {
      return 0;
    }
    throw new IllegalArgumentException("no plain form for a " + primitive);
  }

  private static Object invoke(Method accessor, Object record) {
    try {
      return accessor.invoke(record);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the accessor " + accessor.getName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + accessor.getName(), e);
    }
  }

  private Shape shape(Class<?> type) {
    Shape known = shapes.get(type);
    if (known != null) {
      return known;
    }
    RecordComponent[] components = type.getRecordComponents();
    int n = components.length;
    Shape shape = new Shape(new String[n], new Type[n], new Method[n], new Object[n], new boolean[n],
        canonical(type, components));
    Set<String> omit = omitNull.getOrDefault(type, Set.of());
    int omitted = 0;
    for (int i = 0; i < n; i++) {
      RecordComponent c = components[i];
      shape.keys[i] = strict ? snakeCase(c.getName()) : c.getName();
      shape.types[i] = c.getGenericType();
      shape.accessors[i] = c.getAccessor();
      shape.accessors[i].trySetAccessible();
      shape.defaults[i] = c.getType().isPrimitive() ? zero(c.getType()) : null;
      shape.omitNull[i] = omit.contains(c.getName());
      omitted += shape.omitNull[i] ? 1 : 0;
    }
    if (omitted != omit.size()) {
      throw new IllegalStateException("not all of " + omit + " are components of " + type.getName());
    }
    shapes.put(type, shape);
    return shape;
  }

  private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
    Class<?>[] params = new Class<?>[components.length];
    for (int i = 0; i < params.length; i++) {
      params[i] = components[i].getType();
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(params);
      c.trySetAccessible();
      return c;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record without its canonical constructor: " + type.getName(), e);
    }
  }

  /**
   * A component's name in snake_case, spelled as Jackson's {@code SnakeCaseStrategy} does:
   * {@code madeByWt} is {@code made_by_wt}, {@code htmlURL} is {@code html_url}.
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    boolean afterUpper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0 && c == '_') {
        continue;
      }
      boolean upper = Character.isUpperCase(c);
      if (upper && !afterUpper && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(upper ? Character.toLowerCase(c) : c);
      afterUpper = upper;
    }
    return out.length() > 0 ? out.toString() : name;
  }

  /** The class of {@code t}; {@code Object} for a wildcard or type variable. */
  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  /** The {@code i}th type argument of {@code t}; {@code Object} when it has none. */
  static Type argument(Type t, int i) {
    return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i ? p.getActualTypeArguments()[i]
        : Object.class;
  }

  /** One record type's components: their keys, types and accessors, the canonical constructor. */
  private record Shape(String[] keys, Type[] types, Method[] accessors, Object[] defaults, boolean[] omitNull,
      Constructor<?> constructor) {}

  /** A plain value that does not fit the type asked for, with where it is: {@code databases.app.fill}. */
  public static final class Mismatch extends RuntimeException {

    private final String detail;
    private final List<String> knownKeys;
    private String path = "";

    Mismatch(String detail, List<String> knownKeys, Throwable cause) {
      super(detail, cause);
      this.detail = detail;
      this.knownKeys = knownKeys;
    }

    /** Where the value is, keys joined by dots and list positions in brackets ({@code ports.range[1]}). */
    public String path() {
      return path;
    }

    /** What is wrong, without the path: {@code expected a whole number}, {@code unknown key}, a refusal's message. */
    public String detail() {
      return detail;
    }

    /** For an unknown key, the keys its table takes, sorted; else empty. */
    public List<String> knownKeys() {
      return knownKeys;
    }

    /** Whether a record's constructor or a custom reader refused the value (its exception is the cause). */
    public boolean refused() {
      return getCause() != null;
    }

    @Override
    public String getMessage() {
      return path.isEmpty() ? detail : path + ": " + detail;
    }

    Mismatch at(Object key) {
      String step = key instanceof Integer i ? "[" + i + "]" : String.valueOf(key);
      path = path.isEmpty() ? step : step + (path.startsWith("[") ? "" : ".") + path;
      return this;
    }
  }
}
