package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.WtException;
import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.WtConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [databases] and [postgres] sections: both TOML forms, defaults, and errors that name the key. */
class DatabaseConfigTest {

  @TempDir Path dir;

  private WtConfig load(String toml) throws IOException {
    Files.writeString(dir.resolve("wt.toml"), toml);
    return new TomlConfigLoader().load(dir, dir);
  }

  @Test
  void no_config_means_one_app_database_cloned_from_the_template_on_an_embedded_server() throws IOException {
    WtConfig c = load("");
    assertNull(c.databases().list());
    List<DatabaseConfig> dbs = c.databases().effective();
    assertEquals(1, dbs.size());
    assertEquals("app", dbs.get(0).name());
    assertEquals("template", dbs.get(0).fill());
    assertEquals("embedded", c.postgres().mode());
  }

  @Test
  void databases_read_as_tables_keyed_by_name() throws IOException {
    WtConfig c = load("""
        [postgres]
        mode = "url"
        url = "postgresql://dev:pw@db.internal:5433/postgres"

        [databases.app]
        env = "DATABASE_URL"
        host_env = "PGHOST"
        port_env = "PGPORT"

        [databases.world]
        env = "WORLD_DATABASE_URL"
        fill = "pull"
        source_env = "WORLD_SOURCE_URL"
        """);
    List<DatabaseConfig> dbs = c.databases().effective();
    assertEquals(List.of("app", "world"), dbs.stream().map(DatabaseConfig::name).toList());
    assertEquals("PGHOST", dbs.get(0).hostEnv());
    assertEquals("pull", dbs.get(1).fill());
    assertEquals("url", c.postgres().mode());
  }

  @Test
  void databases_read_as_an_array_of_tables() throws IOException {
    WtConfig c = load("""
        [[databases]]
        name = "app"
        fill = "empty"

        [[databases]]
        name = "cache"
        engine = "sqlite"
        path = "data/cache.sqlite"
        """);
    assertEquals(List.of("app", "cache"), c.databases().effective().stream().map(DatabaseConfig::name).toList());
    assertEquals("sqlite", c.databases().effective().get(1).engine());
  }

  @Test
  void mistakes_are_refused_naming_the_key() {
    WtException unknown = assertThrows(WtException.class, () -> load("[databases.app]\nfil = \"empty\"\n"));
    assertTrue(unknown.getMessage().contains("fil"), unknown.getMessage());
    WtException fill = assertThrows(WtException.class, () -> load("[databases.app]\nfill = \"copy\"\n"));
    assertTrue(fill.getMessage().contains("fill"), fill.getMessage());
    WtException pull = assertThrows(WtException.class, () -> load("[databases.app]\nfill = \"pull\"\n"));
    assertTrue(pull.getMessage().contains("source_env"), pull.getMessage());
    WtException mode = assertThrows(WtException.class, () -> load("[postgres]\nmode = \"cloud\"\n"));
    assertTrue(mode.getMessage().contains("postgres.mode"), mode.getMessage());
    WtException prefix = assertThrows(WtException.class, () -> load("[databases.app]\nprefix = \"Bad-Prefix\"\n"));
    assertTrue(prefix.getMessage().contains("prefix"), prefix.getMessage());
    WtException twice = assertThrows(WtException.class,
        () -> load("[[databases]]\nname = \"app\"\n[[databases]]\nname = \"app\"\n"));
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
  }
}
