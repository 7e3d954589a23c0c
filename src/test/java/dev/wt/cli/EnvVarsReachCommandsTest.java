package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Set-up commands and {@code wt db migrate} see the same variables as the env file, {@code [env.vars]} included. */
class EnvVarsReachCommandsTest {

  private static final Map<String, String> NO_PG = Map.of("WT_PG_MODE", "none", "WT_TRUST", "1");

  @TempDir Path tmp;

  private Path upWith(String toml, String branch) {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", toml).commitAll("wt config");
    WtRun.in(repo.root(), NO_PG, "up", branch).ok();
    return repo.worktrees().get(1);
  }

  @Test
  void setup_commands_see_the_configured_env_vars_expanded() throws Exception {
    Path wt = upWith("""
        [ports]
        range = [47100, 47999]
        [env.vars]
        GREETING = "hello ${WT_SLUG} on ${WT_PORT}"
        [setup]
        commands = ["printf '%s|%s' \\"$GREETING\\" \\"$WT_BRANCH\\" > seen.txt"]
        """, "feat/greet");
    String slug = WtRun.in(wt, NO_PG, "env", "--format", "json").ok().out().replaceAll("(?s).*\"WT_SLUG\" : \"([^\"]+)\".*", "$1");
    String port = WtRun.in(wt, NO_PG, "env", "--format", "json").ok().out().replaceAll("(?s).*\"WT_PORT\" : \"([^\"]+)\".*", "$1");
    assertEquals("hello " + slug + " on " + port + "|feat/greet", Files.readString(wt.resolve("seen.txt")));
  }

  @Test
  void migrate_sees_the_configured_env_vars_and_a_key_wt_also_sets_takes_the_configured_value() throws Exception {
    Path wt = upWith("""
        [ports]
        range = [47100, 47999]
        [env.vars]
        MIGRATION_TAG = "tag-${WT_SLUG}"
        PORT = "3000"
        [databases.app]
        engine = "sqlite"
        migrate = "printf '%s|%s|%s' \\"$MIGRATION_TAG\\" \\"$PORT\\" \\"$WT_PORT\\" > migrated.txt"
        """, "feat/mig");
    WtRun.in(wt, NO_PG, "db", "migrate").ok();
    List<String> seen = List.of(Files.readString(wt.resolve("migrated.txt")).split("\\|"));
    assertEquals(3, seen.size(), seen.toString());
    assertEquals(true, seen.get(0).startsWith("tag-mig_"), seen.toString());
    assertEquals("3000", seen.get(1), "[env.vars] wins over wt's own PORT, as in the env file");
    String envFile = Files.readString(wt.resolve(".env.development.local"));
    assertEquals(1, envFile.lines().filter(l -> l.startsWith("PORT=")).count(), envFile);
    assertEquals(true, envFile.contains("PORT=3000\n"), envFile);
  }
}
