package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.Needs;
import dev.wt.testing.Procs;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvAndRunCommandTest {

  @TempDir Path tmp;

  private GitRepo repo(String toml) {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", toml).commitAll("wt config");
    // the repository's [env.vars] reach wt env and wt run once approved (EnvVarsTrustTest)
    if (toml.contains("[env.vars]")) {
      WtRun.in(repo.root(), "trust", "--yes").ok();
    }
    return repo;
  }

  @Test
  void env_prints_ports_url_and_configured_keys_in_every_format() throws IOException {
    GitRepo repo = repo("""
        [ports]
        count = 3
        range = [44100, 44999]
        [url]
        pattern = "https://${WT_SUBDOMAIN}.${WT_PROJECT}.localhost"
        [env.vars]
        NEXTAUTH_URL = "${WT_URL}"
        API_PORT = "${WT_PORT_1}"
        GREETING = "it's ${WT_BRANCH}"
        """);
    WtRun.in(repo.root(), "up", "feat/checkout").ok();
    Path wt = tmp.resolve("shop-checkout");

    String sh = WtRun.in(wt.resolve("."), "env").ok().out();
    assertTrue(sh.contains("export WT_URL='https://checkout.shop.localhost'"), sh);
    assertTrue(sh.contains("export NEXTAUTH_URL='https://checkout.shop.localhost'"), sh);
    assertTrue(sh.contains("export GREETING='it'\\''s feat/checkout'"), sh);
    assertTrue(sh.matches("(?s).*export WT_PORT='44\\d\\d\\d'.*export WT_PORT_2='44\\d\\d\\d'.*"), sh);

    String fish = WtRun.in(wt, "env", "--format", "fish").ok().out();
    assertTrue(fish.contains("set -gx -- GREETING 'it\\'s feat/checkout'"), fish);
    String dotenv = WtRun.in(wt, "env", "--format", "dotenv").ok().out();
    assertTrue(dotenv.contains("WT_URL=https://checkout.shop.localhost\n"), dotenv);
    String json = WtRun.in(wt, "env", "--format", "json").ok().out();
    assertTrue(json.contains("\"WT_SLUG\" : \"checkout_"), json);

    String envFile = Files.readString(wt.resolve(".env.development.local"));
    assertTrue(envFile.contains("WT_URL=https://checkout.shop.localhost"), envFile);
    assertTrue(envFile.contains("NEXTAUTH_URL=https://checkout.shop.localhost"), envFile);
  }

  @Test
  void env_follows_config_edits_and_teardown_without_a_setup() throws IOException {
    GitRepo repo = repo("[ports]\nrange = [44100, 44999]\n[env.vars]\nAPP = \"one\"\n");
    WtRun.in(repo.root(), "up", "feat/cache").ok();
    Path wt = tmp.resolve("shop-cache");
    assertTrue(WtRun.in(wt, "env").ok().out().contains("export APP='one'"));
    assertTrue(WtRun.in(wt, "env").ok().out().contains("export APP='one'"), "answered from the cache");
    Files.writeString(wt.resolve("wt.local.toml"), "[env.vars]\nAPP = \"two\"\n");
    assertTrue(WtRun.in(wt, "env").ok().out().contains("export APP='two'"), "a new local file is seen");
    Files.delete(wt.resolve("wt.local.toml"));
    assertTrue(WtRun.in(wt, "env").ok().out().contains("export APP='one'"), "a deleted local file is seen");
    WtRun.in(wt, "teardown").ok();
    WtRun.in(wt, "env").expect(1);
  }

  @Test
  void bad_ports_and_url_settings_are_named() {
    GitRepo repo = repo("[ports]\nrange = [80, 90]\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/bad").expect(1);
    assertTrue(r.err().contains("ports.range must lie within 1024..65535"), r.err());
    repo.write("wt.toml", "[ports]\ncount = 2\n[url]\npattern = \"http://127.0.0.1:${WT_PORT_2}\"\n").commitAll("2");
    WtRun tooFew = WtRun.in(repo.root(), "up", "feat/few").expect(1);
    assertTrue(tooFew.err().contains("url.pattern needs 3 port(s) but ports.count is 2"), tooFew.err());
    assertFalse(repo.hasBranch("feat/few"), "refused before anything was created");

    repo.write("wt.toml", "[ports]\ncount = 0\n").commitAll("no ports");
    WtRun.in(repo.root(), "up", "feat/noport").ok();
    String env = WtRun.in(tmp.resolve("shop-noport"), "env").ok().out();
    assertFalse(env.contains("WT_PORT") || env.contains("WT_URL"), env);
  }

  @Test
  void env_outside_a_provisioned_worktree_is_refused() {
    GitRepo repo = repo("");
    WtRun r = WtRun.in(repo.root(), "env").expect(1);
    assertTrue(r.err().contains("no wt environment here"), r.err());
    assertEquals("", r.out());
    WtRun.in(tmp, "env").expect(3);
    WtRun.in(repo.root(), "env", "--format", "yaml").expect(2);
  }

  @Test
  void a_subdomain_another_worktree_holds_is_refused_at_up() {
    GitRepo repo = repo("[url]\npattern = \"https://${WT_SUBDOMAIN}.shop.localhost\"\n[ports]\nrange = [44100, 44999]\n");
    WtRun.in(repo.root(), "up", "feat/login").ok();
    WtRun clash = WtRun.in(repo.root(), "up", "fix/login").expect(1);
    assertTrue(clash.err().contains("subdomain login is already used by the worktree of branch feat/login"), clash.err());
    assertTrue(clash.err().contains("hint:"), clash.err());
    assertFalse(repo.hasBranch("fix/login"), "nothing was created");

    // a worktree made by another tool is refused at setup the same way
    repo.git("worktree", "add", "-q", "-b", "hotfix/login", tmp.resolve("other").toString());
    WtRun setup = WtRun.in(tmp.resolve("other"), "setup").expect(1);
    assertTrue(setup.err().contains("subdomain login is already used"), setup.err());
    WtRun.in(tmp.resolve("shop-login"), "setup").ok(); // the refused one does not block the holder
    WtRun.in(tmp.resolve("other"), "setup").expect(1);
  }

  @Test
  void two_worktrees_get_different_ports_and_urls_that_survive_setup_again() {
    GitRepo repo = repo("[ports]\nrange = [44100, 44999]\n");
    WtRun.in(repo.root(), "up", "feat/a").ok();
    WtRun.in(repo.root(), "up", "feat/b").ok();
    String a = WtRun.in(tmp.resolve("shop-a"), "env", "--format", "dotenv").ok().out();
    String b = WtRun.in(tmp.resolve("shop-b"), "env", "--format", "dotenv").ok().out();
    assertNotEquals(line(a, "WT_PORT"), line(b, "WT_PORT"));
    assertEquals("WT_URL=http://localhost:" + line(a, "WT_PORT").substring(8), line(a, "WT_URL"));
    WtRun.in(tmp.resolve("shop-a"), "setup").ok();
    assertEquals(a, WtRun.in(tmp.resolve("shop-a"), "env", "--format", "dotenv").ok().out(), "frozen");
  }

  @Test
  void run_sets_the_variables_over_inherited_ones_and_passes_the_exit_code() throws IOException {
    GitRepo repo = repo("[ports]\nrange = [44100, 44999]\n[env.vars]\nAPP_URL = \"${WT_URL}\"\n");
    WtRun.in(repo.root(), "up", "feat/run").ok();
    Path wt = tmp.resolve("shop-run");
    Path seen = tmp.resolve("seen");
    WtRun r = WtRun.in(wt, Map.of("WT_PORT", "1", "PORT", "1", "KEEP_ME", "kept"), "run", "sh", "-c",
        "printf '%s %s %s %s' \"$WT_PORT\" \"$PORT\" \"$APP_URL\" \"$KEEP_ME\" > " + seen + "; exit 7");
    r.expect(7);
    String[] v = Files.readString(seen).split(" ");
    assertTrue(v[0].matches("44\\d\\d\\d"), v[0]);
    assertEquals(v[0], v[1]);
    assertEquals("http://localhost:" + v[0], v[2]);
    assertEquals("kept", v[3]);
  }

  @Test
  void run_puts_the_program_in_its_own_process_group_and_runs_outside_worktrees_too() throws IOException {
    Needs.proc();
    GitRepo repo = repo("");
    Path stat = tmp.resolve("stat");
    WtRun r = WtRun.in(repo.root(), "run", "sh", "-c", "cat /proc/self/stat > " + stat + "; cat /proc/$$/stat >> " + stat);
    r.ok();
    assertTrue(r.err().contains("without worktree variables"), r.err());
    List<String> lines = Files.readAllLines(stat);
    String[] shell = lines.get(1).substring(lines.get(1).lastIndexOf(')') + 2).split(" ");
    long shellPid = Long.parseLong(lines.get(1).substring(0, lines.get(1).indexOf(' ')));
    assertEquals(shellPid, Long.parseLong(shell[2]), "the program leads its own process group");
    assertNotEquals(ProcessHandle.current().pid(), Long.parseLong(shell[3]), "and its own session");
    WtRun.in(repo.root(), "run", "no-such-program-wt").expect(127);
  }

  private static String line(String dotenv, String key) {
    return dotenv.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
  }
}
