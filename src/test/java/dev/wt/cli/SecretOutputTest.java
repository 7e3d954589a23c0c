package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials that programs wt runs print in the forms tools use (api_key=, apikey:, token=,
 * Authorization headers, PGPASSWORD: in a compose file, a token as a git remote's user) reach
 * wt's output masked: a set-up command's output, and a command-mode provider's stderr and failure.
 */
class SecretOutputTest {

  private static final String SECRET = "S3cretC4nary";

  /** What the programs print, each line holding the secret once, and how wt shows it. */
  private static final List<String[]> LINES = List.of(
      new String[] {"api_key=" + SECRET, "api_key=***"},
      new String[] {"apikey: " + SECRET, "apikey: ***"},
      new String[] {"token=" + SECRET, "token=***"},
      new String[] {"GITHUB_TOKEN: " + SECRET, "GITHUB_TOKEN: ***"},
      new String[] {"Authorization: Bearer " + SECRET, "Authorization: Bearer ***"},
      new String[] {"PGPASSWORD: " + SECRET, "PGPASSWORD: ***"},
      new String[] {"password => " + SECRET, "password => ***"},
      new String[] {"To https://ghp_" + SECRET + "@github.com/org/repo.git", "To https://***@github.com/org/repo.git"},
      new String[] {"deploy --api-key " + SECRET + " --yes", "deploy --api-key *** --yes"},
      new String[] {"login as admin PASSWORD:" + SECRET + " on db", "login as admin PASSWORD:*** on db"},
      new String[] {"mysqldump -uroot -p" + SECRET + " shop", "mysqldump -uroot -p*** shop"});

  @TempDir Path tmp;
  private GitRepo repo;
  private Path script;

  @BeforeEach
  void repository() throws Exception {
    repo = GitRepo.create(tmp, "app");
    StringBuilder body = new StringBuilder("#!/bin/sh\n");
    for (int i = 0; i < LINES.size(); i++) {
      // half on stdout, half on stderr: both are shown
      body.append("printf '%s\\n' '").append(LINES.get(i)[0]).append("'").append(i % 2 == 0 ? "" : " >&2").append('\n');
    }
    script = Files.writeString(tmp.resolve("prints-secrets.sh"), body.toString());
  }

  @Test
  void a_set_up_commands_output_is_shown_with_its_credentials_masked() {
    repo.write("wt.toml", "[setup]\ncommands = [\"sh " + script + "\"]\n").commitAll("setup");

    WtRun up = WtRun.in(repo.root(), Map.of("WT_TRUST", "1"), "-v", "up", "feat/leak").ok();

    assertMasked(up);
  }

  @Test
  void a_command_mode_providers_stderr_and_failure_are_shown_with_their_credentials_masked() throws Exception {
    Path create = Files.writeString(tmp.resolve("create.sh"), "sh " + script + " >&2\nexit 3\n");
    repo.write("wt.toml", "[postgres]\nmode = \"command\"\ncreate = \"sh " + create + "\"\ndrop = \"sh " + script + "\"\n"
        + "[databases.app]\nfill = \"empty\"\n").commitAll("command mode");

    WtRun up = WtRun.in(repo.root(), Map.of("WT_TRUST", "1", "WT_PG_MODE", "command"), "up", "feat/cmd").expect(4);

    assertTrue(up.err().contains("postgres.create failed with exit code 3"), up.err());
    assertMasked(up);
  }

  private static void assertMasked(WtRun r) {
    String all = r.out() + r.err();
    assertFalse(all.contains(SECRET), all);
    for (String[] line : LINES) {
      assertTrue(r.err().contains("| " + line[1] + "\n"), line[1] + "\n" + r.err());
    }
  }
}
