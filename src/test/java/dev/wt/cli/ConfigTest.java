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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wt.toml and wt.local.toml as a user meets them: defaults, overrides, and refusals that say where. */
class ConfigTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
  }

  @Test
  void without_a_config_file_the_defaults_apply() throws Exception {
    JsonNode up = json(WtRun.in(repo.root(), "up", "feat/x", "--json").ok());
    Path expected = tmp.resolve("demo-x").toRealPath();
    assertEquals(expected.toString(), up.get("path").asText());
    assertEquals("demo", up.at("/record/project").asText(), "project defaults to the repository folder");
    String env = Files.readString(expected.resolve(".env.development.local"));
    assertTrue(env.contains("WT_PROJECT=demo\n"), env);
    assertEquals("main", json(WtRun.in(repo.root(), "list", "--json").ok()).get("base").asText());
  }

  @Test
  void the_local_file_overrides_the_shared_one_key_by_key() throws Exception {
    repo.write("wt.toml", """
        project = "shared"
        worktree_dir = "../trees/${WT_NAME}"

        [env]
        file = ".env.wt"
        vars = { FROM_SHARED = "s", BOTH = "shared" }
        """).commitAll("config");
    repo.write("wt.local.toml", """
        project = "mine"

        [env.vars]
        BOTH = "local"
        ONLY_LOCAL = "l"
        """);
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("trees/x");
    String env = Files.readString(wt.resolve(".env.wt"));
    assertTrue(env.contains("WT_PROJECT=mine\n"), "local project wins\n" + env);
    assertTrue(env.contains("FROM_SHARED=s\n"), "shared keys the local file does not name stay\n" + env);
    assertTrue(env.contains("BOTH=local\n"), "local value wins\n" + env);
    assertTrue(env.contains("ONLY_LOCAL=l\n"), env);
    assertFalse(Files.exists(wt.resolve(".env.development.local")), "the shared env.file still applies");
  }

  @Test
  void placeholders_in_env_vars_expand_and_a_doubled_dollar_stays_literal() throws Exception {
    repo.write("wt.toml", """
        project = "shop"

        [env.vars]
        DATABASE_URL = "postgres://localhost/app_${WT_SLUG}"
        APP_URL = "https://${WT_SUBDOMAIN}.${WT_PROJECT}.localhost"
        WHERE = "${WT_PATH} from ${WT_MAIN_PATH} on ${WT_BRANCH}"
        LITERAL = "$${NOT_A_PLACEHOLDER}"
        """).commitAll("config");
    WtRun.in(repo.root(), "up", "feat/oauth_v2").ok();
    Path wt = tmp.resolve("demo-oauth_v2").toRealPath();
    String env = Files.readString(wt.resolve(".env.development.local"));
    assertTrue(env.contains("DATABASE_URL=postgres://localhost/app_oauth_v2_b2b4c8\n"), env);
    assertTrue(env.contains("APP_URL=https://oauth-v2.shop.localhost\n"), env);
    assertTrue(env.contains("WHERE='" + wt + " from " + repo.root().toRealPath() + " on feat/oauth_v2'\n"), env);
    assertTrue(env.contains("LITERAL='${NOT_A_PLACEHOLDER}'\n"), env);
  }

  @Test
  void an_unknown_key_is_refused_naming_key_and_file() {
    repo.write("wt.toml", "projekt = \"x\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "unknown key 'projekt' in " + repo.path("wt.toml"), "known keys here: ");
    assertNothingCreated();
  }

  /** Keys are the config records' components in snake_case, in errors too. */
  @Test
  void a_snake_case_key_of_the_wrong_type_is_named_with_what_it_takes() {
    repo.write("wt.toml", "[postgres]\nbase_port = \"5500\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "wrong type for key 'postgres.base_port' in " + repo.path("wt.toml") + ": expected a whole number",
        "docs/config.md");
    repo.write("wt.toml", "[git]\nworktreeIdentity = true\n");
    WtRun camel = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(camel, "unknown key 'git.worktreeIdentity'", "known keys here: fetch, worktree_identity");
    assertNothingCreated();
  }

  @Test
  void an_unknown_nested_key_in_the_local_file_is_refused_naming_that_file() {
    repo.write("wt.local.toml", "[env]\nfiel = \".env\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "unknown key 'env.fiel' in " + repo.path("wt.local.toml"), "file, vars");
    assertNothingCreated();
  }

  @Test
  void a_wrong_type_is_refused_naming_key_file_and_what_was_expected() {
    repo.write("wt.toml", "[git]\nworktree_identity = \"yes\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "wrong type for key 'git.worktree_identity' in " + repo.path("wt.toml"), "docs/config.md");
    assertTrue(r.err().contains("true or false"), r.err());

    repo.write("wt.toml", "[setup]\ncommands = \"make\"\n");
    r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "wrong type for key 'setup.commands' in " + repo.path("wt.toml"), "docs/config.md");
    assertTrue(r.err().contains("a list of strings"), r.err());

    repo.write("wt.toml", "project = 5\n");
    r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "wrong type for key 'project' in " + repo.path("wt.toml"), "docs/config.md");
    assertTrue(r.err().contains("a string"), r.err());
    assertFalse(r.err().contains("CoercionConfig"), "no Jackson internals in messages: " + r.err());
    assertNothingCreated();
  }

  @Test
  void invalid_toml_and_invalid_values_are_refused_with_the_file() {
    repo.write("wt.toml", "project = \n");
    assertRefusal(WtRun.in(repo.root(), "up", "feat/x").expect(1), "invalid TOML in " + repo.path("wt.toml"),
        "fix the syntax");
    repo.write("wt.toml", "[files]\ncopy = [\"../outside\"]\n");
    assertRefusal(WtRun.in(repo.root(), "up", "feat/x").expect(1), "invalid value in " + repo.path("wt.toml")
        + ": files.copy must hold paths inside the worktree: ../outside", "docs/config.md");
    assertNothingCreated();
  }

  /** Every resource says which placeholders it will give, so a typo is refused before anything is made. */
  @Test
  void an_unknown_placeholder_is_refused_by_up_before_anything_is_made() throws Exception {
    repo.write("wt.toml", "[env.vars]\nURL = \"http://${WT_SUBDOMIAN}.localhost:${WT_PORT}\"\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "unknown placeholder ${WT_SUBDOMIAN} in env.vars.URL", "known placeholders: ");
    assertTrue(r.err().contains("WT_SUBDOMAIN") && r.err().contains("WT_PORT"), r.err());
    assertNothingCreated();

    repo.write("wt.toml", "[env.vars]\nURL = \"http://${WT_SUBDOMAIN}.localhost:${WT_PORT}\"\n");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x").toRealPath();
    assertTrue(Files.readString(wt.resolve(".env.development.local")).contains("URL=http://x.localhost:"));
  }

  @Test
  void an_unknown_placeholder_in_a_worktree_made_by_hand_is_refused_by_setup() {
    repo.git("worktree", "add", "-q", "-b", "feat/hand", tmp.resolve("hand").toString());
    repo.write("wt.toml", "[browser_session]\nfile = \"s.json\"\ntemplate = \"${NOPE}\"\n");
    WtRun r = WtRun.in(tmp.resolve("hand"), "setup").expect(1);
    assertRefusal(r, "unknown placeholder ${NOPE} in browser_session.template", "known placeholders: ");
  }

  private void assertNothingCreated() {
    assertFalse(repo.hasBranch("feat/x"), "no branch created");
    assertEquals(1, repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).count(),
        "no worktree created");
    assertFalse(Files.exists(tmp.resolve("demo-x")), "no folder created");
  }

}
