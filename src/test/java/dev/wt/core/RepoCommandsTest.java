package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.DatabasesConfig;
import dev.wt.core.config.PostgresConfig;
import dev.wt.core.config.SetupConfig;
import dev.wt.core.config.WtConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which commands need approval, and that any change to the approved list makes another digest. */
class RepoCommandsTest {

  private static WtConfig config(List<String> setup, String migrate) {
    DatabaseConfig app = DatabaseConfig.defaultApp();
    DatabaseConfig db = new DatabaseConfig("app", null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, migrate, null);
    return new WtConfig(null, null, null, null, null, null, new SetupConfig(setup), null,
        new DatabasesConfig(List.of(migrate == null ? app : db)), null, null, null);
  }

  private static String digest(List<RepoCommand> commands) {
    return new RepoCommands(commands).digest();
  }

  @Test
  void setup_and_migrate_commands_are_the_repositorys_unless_the_users_own_file_gives_them() {
    WtConfig merged = config(List.of("npm ci"), "npx prisma migrate deploy");
    RepoCommands fromRepo = RepoCommands.of(merged, null);
    assertEquals(List.of("setup.commands[0]", "databases.app.migrate"),
        fromRepo.fromRepository().stream().map(RepoCommand::key).toList());

    RepoCommands setupIsMine = RepoCommands.of(merged, config(List.of("npm ci"), null));
    assertEquals(List.of("databases.app.migrate"), setupIsMine.fromRepository().stream().map(RepoCommand::key).toList());

    RepoCommands allMine = RepoCommands.of(merged, merged);
    assertTrue(allMine.fromRepository().isEmpty());
    assertEquals(2, allMine.all().size());
  }

  @Test
  void a_local_file_that_changes_something_else_about_the_database_does_not_make_its_migrate_the_users() {
    WtConfig merged = config(List.of(), "make migrate");
    RepoCommands c = RepoCommands.of(merged, config(List.of(), null));
    assertTrue(c.byKey("databases.app.migrate").orElseThrow().fromRepository());
  }

  private static WtConfig postgres(String mode, String image) {
    return new WtConfig(null, null, null, null, null, null, null, null, null,
        new PostgresConfig(mode, null, null, null, null, null, null, image, null, null, null, null, null), null, null);
  }

  @Test
  void a_docker_server_is_the_repositorys_unless_the_users_file_or_environment_alone_chooses_the_same_and_a_compose_file_needs_the_users_file() {
    RepoCommand repo = RepoCommands.of(postgres("container", "evil/root"), null).byKey("postgres.image").orElseThrow();
    assertTrue(repo.fromRepository());
    assertTrue(repo.command().endsWith(" evil/root"), repo.command());
    // the user's file says container mode, the repository picks the image: still the repository's
    assertTrue(RepoCommands.of(postgres("container", "evil/root"), postgres("container", null))
        .byKey("postgres.image").orElseThrow().fromRepository());
    assertFalse(RepoCommands.of(postgres("container", null), postgres("container", null))
        .byKey("postgres.image").orElseThrow().fromRepository());
    // WT_PG_MODE alone picks container mode with the defaults' image: the user's choice
    var imageByEnv = RepoCommands.of(postgres(null, null), null, f -> "h", f -> "h", Map.of("WT_PG_MODE", "container"));
    assertFalse(imageByEnv.byKey("postgres.image").orElseThrow().fromRepository());
    // but WT_PG_MODE=compose would run the repository's compose file, in every repository entered
    var byEnv = RepoCommands.of(postgres(null, null), null, f -> "h", f -> "h", Map.of("WT_PG_MODE", "compose"));
    assertTrue(byEnv.byKey("postgres.compose_file").orElseThrow().fromRepository());
    // the user's own (untracked) wt.local.toml choosing compose mode for this repository makes it theirs
    var byOwnFile = RepoCommands.of(postgres("compose", null), postgres("compose", null), f -> "h", f -> "h", Map.of());
    assertFalse(byOwnFile.byKey("postgres.compose_file").orElseThrow().fromRepository());
    assertTrue(RepoCommands.of(postgres(null, null), null).byKey("postgres.compose_file").isEmpty(), "embedded: no entry");
  }

  @Test
  void the_digest_changes_with_any_text_key_folder_order_or_count() {
    RepoCommand a = new RepoCommand("setup.commands[0]", ".", "npm ci", true);
    RepoCommand b = new RepoCommand("setup.commands[1]", ".", "make", true);
    String base = digest(List.of(a, b));
    assertEquals(base, digest(List.of(a, b)), "stable");
    assertNotEquals(base, digest(List.of(a)));
    assertNotEquals(base, digest(List.of(b, a)));
    assertNotEquals(base, digest(List.of(a, new RepoCommand("setup.commands[1]", ".", "make ", true))));
    assertNotEquals(base, digest(List.of(a, new RepoCommand("setup.commands[1]", "sub", "make", true))));
    assertNotEquals(base, digest(List.of(a, new RepoCommand("databases.app.migrate", ".", "make", true))));
    // parts are length-prefixed: moving text from one part to the next is another list
    assertNotEquals(digest(List.of(new RepoCommand("k", ".", "ab", true))),
        digest(List.of(new RepoCommand("k", ".a", "b", true))));
  }

  @Test
  void the_users_own_commands_are_not_part_of_the_approved_list() {
    RepoCommand repo = new RepoCommand("setup.commands[0]", ".", "npm ci", true);
    RepoCommand own = new RepoCommand("databases.app.migrate", ".", "make migrate", false);
    assertEquals(digest(List.of(repo)), digest(List.of(repo, own)));
    assertFalse(new RepoCommands(List.of(own)).fromRepository().contains(own));
  }

  @Test
  void control_characters_and_direction_overrides_are_spelled_out_for_the_terminal() {
    assertEquals("echo hi\\e[2K\\rrm -rf ~", TerminalText.escape("echo hi\u001b[2K\rrm -rf ~"));
    assertEquals("a\\u202eb\\n", TerminalText.escape("a\u202eb\n"));
    assertEquals("npm ci && echo \"ünïcode\"", TerminalText.escape("npm ci && echo \"ünïcode\""));
  }
}
