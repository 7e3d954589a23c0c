package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.wt.adapter.fs.Json;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts of examples/conductor run as Conductor runs them: by a shell (zsh when there is
 * one) in the workspace, with the CONDUCTOR_* variables set and wt on the PATH.
 */
class ConductorExamplesIT {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private String project;

  @BeforeEach
  void needs() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    project = "wtcond" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt()});
  }

  @AfterEach
  void drop() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private static Map<String, String> scripts(String example) throws IOException {
    Path file = Path.of("examples/conductor").resolve(example);
    JsonNode doc = example.endsWith(".json") ? Json.mapper().readTree(file.toFile()) : new TomlMapper().readTree(file.toFile());
    JsonNode s = doc.get("scripts");
    return Map.of("setup", s.get("setup").asText(), "run", s.get("run").asText(), "archive", s.get("archive").asText());
  }

  private record Ran(int code, String out) {}

  private static Ran shell(Path dir, Map<String, String> env, String script) throws Exception {
    String shell = Files.isExecutable(Path.of("/usr/bin/zsh")) ? "/usr/bin/zsh" : "/bin/sh";
    ProcessBuilder pb = new ProcessBuilder(shell, "-c", script).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
    return new Ran(p.exitValue(), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"conductor.json", ".conductor/settings.toml"})
  void setup_run_and_archive_give_the_workspace_its_own_port_and_database_and_release_them(String example)
      throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/npm")) || Files.isExecutable(Path.of("/usr/local/bin/npm")),
        "the example's run script is npm run dev; npm is missing");
    Map<String, String> scripts = scripts(example);
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", "project = \"" + project + "\"\n")
        .write("package.json", """
            {"name": "shop", "private": true,
             "scripts": {"dev": "node -e \\"console.log('dev on ' + process.env.PORT + ' with ' + process.env.DATABASE_URL)\\""}}
            """)
        .commitAll("app");
    // Conductor makes each workspace a worktree on its own branch, named after a city
    Path ws = tmp.resolve("conductor/workspaces/shop/lisbon");
    repo.git("worktree", "add", "-q", "-b", "dev/lisbon", ws.toString());
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(bin.resolve("wt"), "#!/bin/sh\nexec '" + WtBinary.path() + "' \"$@\"\n");
    bin.resolve("wt").toFile().setExecutable(true);
    int port = 46000 + new Random().nextInt(90) * 10;
    Map<String, String> env = Map.of(
        "PATH", bin + ":" + System.getenv("PATH"),
        "CONDUCTOR_WORKSPACE_NAME", "lisbon",
        "CONDUCTOR_WORKSPACE_PATH", ws.toString(),
        "CONDUCTOR_ROOT_PATH", repo.root().toString(),
        "CONDUCTOR_DEFAULT_BRANCH", "main",
        "CONDUCTOR_PORT", Integer.toString(port),
        "WT_PG_MODE", "url",
        "WT_PG_URL", PG.adminUrl(),
        "XDG_STATE_HOME", tmp.resolve("state").toString());

    Ran setup = shell(ws, env, scripts.get("setup"));
    assertEquals(0, setup.code(), setup.out());
    List<String> mine = PG.databases().stream().filter(d -> d.startsWith(project + "_") && !d.endsWith("_template")).toList();
    assertEquals(1, mine.size(), "setup made the workspace's database: " + mine);
    String envFile = Files.readString(ws.resolve(".env.development.local"));
    assertTrue(envFile.contains("WT_PORT=" + port), "CONDUCTOR_PORT is the workspace's port\n" + envFile);

    Ran run = shell(ws, env, scripts.get("run"));
    assertEquals(0, run.code(), run.out());
    assertTrue(run.out().contains("dev on " + port + " with postgresql://") && run.out().contains(mine.get(0)), run.out());

    Ran archive = shell(ws, env, scripts.get("archive"));
    assertEquals(0, archive.code(), archive.out());
    assertFalse(PG.databases().contains(mine.get(0)), "archive dropped it\n" + archive.out());
    try (Stream<Path> records = Files.list(repo.root().resolve(".git/wt/worktrees"))) {
      assertEquals(0, records.filter(f -> f.toString().endsWith(".json")).count(), "and released the record");
    }
  }
}
