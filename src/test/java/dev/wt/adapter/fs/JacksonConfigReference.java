package dev.wt.adapter.fs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.wt.core.WtException;
import dev.wt.core.config.WtConfig;
import dev.wt.port.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration loader as it was on Jackson, kept as the oracle the plain loader is checked
 * against (same records, same messages for the same mistakes).
 */
final class JacksonConfigReference implements ConfigLoader {

  private final ObjectMapper mapper = strictMapper();

  @Override
  public WtConfig load(Path worktree, Path mainWorktree) {
    Path shared = TomlConfigLoader.find(worktree, mainWorktree, SHARED_FILE);
    Path local = TomlConfigLoader.find(worktree, mainWorktree, LOCAL_FILE);
    ObjectNode merged = mapper.createObjectNode();
    String source = "defaults";
    for (Path file : new Path[] {shared, local}) {
      if (file == null) {
        continue;
      }
      ObjectNode tree = parse(file);
      bind(tree, file.toString());
      deepMerge(merged, tree);
      source = file.toString();
    }
    return bind(merged, shared != null && local != null ? shared + " + " + local : source);
  }

  @Override
  public Optional<UserFile> userFile(Path worktree, Path mainWorktree) {
    Path local = TomlConfigLoader.find(worktree, mainWorktree, LOCAL_FILE);
    return local == null ? Optional.empty() : Optional.of(new UserFile(local, bind(parse(local), local.toString())));
  }

  private ObjectNode parse(Path file) {
    try {
      String text = Files.readString(file);
      // a byte order mark, as some Windows editors write, is not TOML syntax but is no error either
      JsonNode node = mapper.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
      if (node == null || node.isMissingNode()) {
        return mapper.createObjectNode();
      }
      return (ObjectNode) node;
    } catch (JacksonException e) {
      throw WtException.refused("invalid TOML in " + file + ": " + firstLine(e.getOriginalMessage()),
          "fix the syntax; docs/config.md lists every key with an example");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw WtException.refused(file + " is not UTF-8 text", "save it as UTF-8; TOML files are UTF-8");
    } catch (IOException e) {
      throw WtException.environment("cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
    }
  }

  private WtConfig bind(ObjectNode tree, String where) {
    try {
      return mapper.treeToValue(tree, WtConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw WtException.refused("unknown key '" + path(e) + "' in " + where,
          "known keys here: " + known + " (see docs/config.md)");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw WtException.refused("invalid value in " + where + ": " + cause.getMessage(),
          "see docs/config.md for what each key accepts");
    } catch (JsonMappingException e) {
      // Jackson's own messages ("Cannot coerce ...") name Java classes and CoercionConfig: say what
      // the key takes instead; a custom deserializer's message is already in the user's words
      String original = firstLine(e.getOriginalMessage());
      String detail = original.startsWith("Cannot ")
          ? "expected " + ConfigTypes.describe(typeAt(WtConfig.class, e.getPath()))
          : original;
      throw WtException.refused("wrong type for key '" + path(e) + "' in " + where + ": " + detail,
          "see docs/config.md for what each key accepts");
    } catch (JacksonException e) {
      throw WtException.refused("invalid configuration in " + where + ": " + firstLine(e.getOriginalMessage()),
          "see docs/config.md");
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  static void deepMerge(ObjectNode into, ObjectNode from) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
        deepMerge(target, source);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /**
   * How a config record's component is spelled in TOML: {@code worktreeDir} is {@code worktree_dir}.
   * Here in the adapter, so the records in core carry no Jackson annotations.
   */
  static final PropertyNamingStrategies.NamingBase KEYS = new PropertyNamingStrategies.SnakeCaseStrategy();

  private static ObjectMapper strictMapper() {
    TomlMapper m = TomlMapper.builder()
        .propertyNamingStrategy(KEYS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    m.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("wt-databases")
        .addDeserializer(dev.wt.core.config.DatabasesConfig.class, new JacksonDatabases()));
    // a number where a string is expected is a mistake worth naming, not something to coerce
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return m;
  }

  /** The declared type at {@code path} below {@code root}; null when the path leaves the records. */
  private static Type typeAt(Type root, List<JsonMappingException.Reference> path) {
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

  private static Type component(Class<?> record, String name) {
    for (RecordComponent c : record.getRecordComponents()) {
      if (KEYS.translate(c.getName()).equals(name)) {
        return c.getGenericType();
      }
    }
    return null;
  }
}
