package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.wt.core.WtException;
import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.DatabasesConfig;
import dev.wt.core.config.WtConfig;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader (PlainToml + the strict binding) reads wt.toml into the same records as the Jackson
 * loader it replaced did, and words the same mistakes the same way (key path, expected type in TOML words).
 */
class ConfigBindingTest {

  /** The loader's binding, to look at a mismatch's parts. */
  private static final RecordBinding CONFIG = RecordBinding.strict().reading(DatabasesConfig.class, ConfigDatabases::read);

  @TempDir Path dir;

  @Test
  void snake_case_keys_are_jacksons_for_every_configuration_component() {
    Set<String> names = new LinkedHashSet<>(List.of("URLPath", "a1B2", "_private", "x", "ABC", "madeByWt", "sha256",
        "worktreeDir", "htmlURL", "__double", "a_b", "ÜberFall"));
    components(WtConfig.class, names, new LinkedHashSet<>());
    assertTrue(names.contains("connectionLimit") && names.contains("sourceKey"), names.toString());
    for (String n : names) {
      assertEquals(JacksonConfigReference.KEYS.translate(n), RecordBinding.snakeCase(n), n);
    }
  }

  @Test
  void configurations_bind_to_the_records_jackson_binds_them_to() throws Exception {
    List<String> tomls = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().equals("wt.toml")).toList()) {
        tomls.add(Files.readString(f));
      }
    }
    assertTrue(tomls.size() >= 4, "the examples' wt.toml files: " + tomls.size());
    tomls.add("");
    tomls.add("""
        project = "shop"
        base = "develop"
        worktree_dir = "../wt/${WT_NAME}"
        [env]
        file = ".env"
        vars = { A = "1", B_URL = "${WT_URL}" }
        [files]
        symlink = ["a", "b/c"]
        copy = ["node_modules"]
        worktreeinclude = "symlink"
        [[files.template]]
        source = "config.tpl"
        target = "config.json"
        [browser_session]
        file = "s.json"
        template = "{}"
        [setup]
        commands = ["npm ci", "make"]
        timeout = "90s"
        [teardown]
        commands = ["make clean"]
        [git]
        worktree_identity = true
        fetch = false
        [postgres]
        mode = "url"
        url = "postgresql://u:p@127.0.0.1:5432/postgres"
        port = 5433
        download = false
        connection_limit = -1
        base_port = 56000
        [ports]
        count = 3
        range = [4000, 4999]
        [url]
        pattern = "http://${WT_SUBDOMAIN}.localhost:${WT_PORT_2}"
        [redis]
        url = "redis://127.0.0.1:6379"
        [services]
        compose_file = "compose.yml"
        [databases.app]
        env = "DATABASE_URL"
        host_env = "PGHOST"
        fill = "pull"
        source_file = ".env.prod"
        source_key = "DATABASE_URL"
        [databases.cache]
        engine = "sqlite"
        path = "db/cache.sqlite3"
        """);
    tomls.add("""
        [[databases]]
        name = "app"
        [[databases]]
        name = "world"
        fill = "empty"
        migrate = "make migrate"
        [files]
        worktreeinclude = false
        """);
    for (String toml : tomls) {
      Files.writeString(dir.resolve("wt.toml"), toml);
      assertEquals(new JacksonConfigReference().load(dir, dir), new TomlConfigLoader().load(dir, dir), toml);
    }
  }

  @Test
  void errors_say_what_the_jackson_loaders_errors_say() throws Exception {
    List<String> wrong = List.of(
        "projekt = \"x\"",
        "[ports]\ncount = 2\nrnge = [3100, 3999]",
        "[ports]\nrange = [3100, \"3999\"]",
        "[ports]\ncount = \"2\"",
        "project = 5",
        "base = true",
        "env = []",
        "env = \"x\"",
        "[setup]\ncommands = \"npm ci\"",
        "[setup]\ncommands = [\"a\", 1]",
        "[env]\nvars = \"x\"",
        "[env.vars]\nA = 1",
        "[git]\nfetch = \"yes\"",
        "databases = \"x\"",
        "[databases.app]\nname = \"world\"",
        "[[databases]]\nname = \"app\"\n[[databases]]\nname = \"app\"",
        "[[databases]]\nname = \"app\"\nfill = \"bogus\"",
        "[ports]\ncount = 500",
        "[files]\nworktreeinclude = \"maybe\"",
        "[postgres]\nport = 70000",
        "[files]\nsymlink = [\"/etc\"]",
        "[[files.template]]\nsource = \"a\"\ntarget = \"a\"");
    for (String toml : wrong) {
      Path file = dir.resolve("wt.toml");
      Files.writeString(file, toml);
      WtException jackson = assertThrows(WtException.class, () -> new JacksonConfigReference().load(dir, dir), toml);
      WtException plain = assertThrows(WtException.class, () -> new TomlConfigLoader().load(dir, dir), toml);
      assertEquals(jackson.getMessage() + " | " + jackson.hint(), plain.getMessage() + " | " + plain.hint(), toml);
    }
  }

  @Test
  void errors_jackson_worded_worse_or_let_through_are_named_fully() throws Exception {
    // inside the databases reader Jackson lost the table's key ("databases.fil") and the type ("another type")
    RecordBinding.Mismatch m = assertThrows(RecordBinding.Mismatch.class,
        () -> CONFIG.read(plain("[databases.app]\nfil = \"empty\""), WtConfig.class));
    assertEquals("databases.app.fil", m.path());
    m = assertThrows(RecordBinding.Mismatch.class, () -> CONFIG.read(plain("[databases.app]\nfill = 5"), WtConfig.class));
    assertEquals("databases.app.fill: expected a string", m.getMessage());
    m = assertThrows(RecordBinding.Mismatch.class,
        () -> CONFIG.read(plain("[[databases]]\nname = \"app\"\nfill = 5"), WtConfig.class));
    assertEquals("databases[0].fill: expected a string", m.getMessage());
    // Jackson dropped the fraction: count = 2
    m = assertThrows(RecordBinding.Mismatch.class, () -> CONFIG.read(plain("[ports]\ncount = 2.5"), WtConfig.class));
    assertEquals("ports.count: expected a whole number", m.getMessage());
    // Jackson's words were "Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)"
    m = assertThrows(RecordBinding.Mismatch.class, () -> CONFIG.read(plain("[ports]\ncount = 3000000000"), WtConfig.class));
    assertEquals("ports.count: 3000000000 is out of range (-2147483648 to 2147483647)", m.getMessage());
  }

  private static Object plain(String toml) {
    return PlainToml.parse(toml);
  }

  private static void components(Type type, Set<String> names, Set<Type> seen) {
    Class<?> raw = RecordBinding.raw(type);
    if (!seen.add(type)) {
      return;
    }
    if (raw.isRecord()) {
      for (RecordComponent c : raw.getRecordComponents()) {
        names.add(c.getName());
        components(c.getGenericType(), names, seen);
      }
    } else if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        components(arg, names, seen);
      }
    }
  }
}
