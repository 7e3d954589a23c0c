package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.adapter.fs.Json;
import dev.wt.adapter.fs.TomlConfigLoader;
import dev.wt.app.init.InitUseCase;
import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.WtConfig;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wt init} over small fixture projects: what it finds, what it writes, and that wt reads it back. */
class InitCommandTest {

  @TempDir Path tmp;

  private static DatabaseConfig db(WtConfig c, String name) {
    return c.databases().list().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  static Stream<Arguments> projects() {
    return Stream.of(
        Arguments.of("drizzle", Map.of("package.json", "{\"devDependencies\": {\"drizzle-kit\": \"0.31.0\"}, \"dependencies\": {\"pg\": \"8\"}}"),
            (Consumer<WtConfig>) c -> assertEquals("npx drizzle-kit migrate", db(c, "app").migrate())),
        Arguments.of("prisma", Map.of("package.json", "{\"devDependencies\": {\"prisma\": \"6\"}}"),
            (Consumer<WtConfig>) c -> assertEquals("npx prisma migrate deploy", db(c, "app").migrate())),
        Arguments.of("knex", Map.of("package.json", "{\"dependencies\": {\"knex\": \"3\"}}"),
            (Consumer<WtConfig>) c -> assertEquals("npx knex migrate:latest", db(c, "app").migrate())),
        Arguments.of("typeorm", Map.of("package.json", "{\"dependencies\": {\"typeorm\": \"0.3\"}}"),
            (Consumer<WtConfig>) c -> assertTrue(db(c, "app").migrate().startsWith("npx typeorm migration:run"))),
        Arguments.of("rails", Map.of("config/database.yml", "development:\n  adapter: postgresql\n", "Gemfile", "gem 'rails'\n"),
            (Consumer<WtConfig>) c -> assertEquals("bin/rails db:migrate", db(c, "app").migrate())),
        Arguments.of("django", Map.of("manage.py", "#!/usr/bin/env python\n"),
            (Consumer<WtConfig>) c -> assertEquals("python3 manage.py migrate", db(c, "app").migrate())),
        Arguments.of("alembic", Map.of("alembic.ini", "[alembic]\nscript_location = migrations\n"),
            (Consumer<WtConfig>) c -> assertEquals("alembic upgrade head", db(c, "app").migrate())),
        Arguments.of("compose", Map.of("docker-compose.yml",
                "services:\n  web:\n    image: node:22\n  db:\n    image: \"postgres:16-alpine\"\n    ports: [\"5432:5432\"]\n"),
            (Consumer<WtConfig>) c -> {
              assertEquals("compose", c.postgres().mode());
              assertEquals("db", c.postgres().composeService());
            }),
        Arguments.of("env files and dependency folders", Map.of(".env", "A=1\n", ".env.local", "B=2\n", ".env.example", "A=\n",
                "node_modules/x/index.js", "", ".worktreeinclude", ".env.local\n"),
            (Consumer<WtConfig>) c -> {
              assertEquals(List.of(".env", ".env.local"), c.files().symlink());
              assertEquals(List.of("node_modules"), c.files().copy());
              assertEquals(dev.wt.core.config.FilesConfig.Include.COPY, c.files().include());
            }),
        Arguments.of("venv", Map.of(".venv/pyvenv.cfg", "home = /usr/bin\n", "requirements.txt", "django\n"),
            (Consumer<WtConfig>) c -> assertTrue(c.setup().commands().get(0).contains("venv"))),
        Arguments.of("wrangler d1", Map.of("wrangler.toml", "name = \"w\"\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"w-db\"\n"),
            (Consumer<WtConfig>) c -> {
              assertEquals("sqlite", db(c, "db").engine());
              assertEquals(1, c.databases().list().size(), "no PostgreSQL database for a D1 project");
            }),
        Arguments.of("nothing known", Map.of("main.go", "package main\n"),
            (Consumer<WtConfig>) c -> assertEquals(null, db(c, "app").migrate())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void init_writes_a_wt_toml_wt_itself_reads(String name, Map<String, String> files, Consumer<WtConfig> check) throws Exception {
    GitRepo repo = GitRepo.create(tmp, "p");
    for (var f : files.entrySet()) {
      Path p = repo.root().resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    WtRun r = WtRun.in(repo.root(), "init").ok();
    assertTrue(r.out().startsWith("wrote " + repo.root().resolve("wt.toml")), r.out());
    String text = Files.readString(repo.root().resolve("wt.toml"));
    assertTrue(text.startsWith("# wt.toml written by wt init"), text);
    WtConfig config = new TomlConfigLoader().load(repo.root(), repo.root());
    check.accept(config);
  }

  @Test
  void init_never_overwrites_a_wt_toml() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "p");
    Files.writeString(repo.root().resolve("wt.toml"), "project = \"mine\"\n");
    WtRun r = WtRun.in(repo.root(), "init").expect(1);
    assertTrue(r.err().contains("never overwrites"), r.err());
    assertEquals("project = \"mine\"\n", Files.readString(repo.root().resolve("wt.toml")));
  }

  @Test
  void init_says_what_it_found_and_why_and_json_lists_it() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "p");
    Files.writeString(repo.root().resolve("package.json"), "{\"devDependencies\": {\"drizzle-kit\": \"1\"}}");
    JsonNode doc = Json.mapper().readTree(WtRun.in(repo.root(), "init", "--json").ok().out());
    assertTrue(doc.get("findings").toString().contains("npx drizzle-kit migrate"), doc.toString());
    Files.delete(repo.root().resolve("wt.toml"));
    WtRun text = WtRun.in(repo.root(), "init").ok();
    assertTrue(text.out().contains("package.json drizzle-kit -> databases.app.migrate"), text.out());
  }

  @Test
  void agent_writes_the_tools_hook_file_the_same_as_the_example_and_never_over_one() throws Exception {
    Map<String, String> examples = Map.of("claude", "examples/claude/.claude/settings.json",
        "cursor", "examples/cursor/.cursor/worktrees.json", "conductor", "examples/conductor/conductor.json");
    for (var e : examples.entrySet()) {
      GitRepo repo = GitRepo.create(tmp, "a-" + e.getKey());
      WtRun.in(repo.root(), "init", "--agent", e.getKey()).ok();
      InitUseCase.Agent agent = InitUseCase.Agent.named(e.getKey()).orElseThrow();
      assertEquals(Files.readString(Path.of(e.getValue())), Files.readString(repo.root().resolve(agent.file())),
          "the file init writes is the documented example");
    }
    GitRepo repo = GitRepo.create(tmp, "kept");
    Files.createDirectories(repo.root().resolve(".claude"));
    Files.writeString(repo.root().resolve(".claude/settings.json"), "{}\n");
    WtRun r = WtRun.in(repo.root(), "init", "--agent", "claude").ok();
    assertEquals("{}\n", Files.readString(repo.root().resolve(".claude/settings.json")));
    assertTrue(r.err().contains("add wt's hooks to it by hand"), r.err());
  }
}
