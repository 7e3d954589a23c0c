package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wt.testing.GitRepo;
import dev.wt.testing.PasswordRefusingServer;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's PGPASSWORD goes only to a server the user named: a repository's {@code [postgres] url}
 * pointing at a host of its choosing gets no password from the user's environment.
 */
class RepoChosenServerTest {

  private static final String SECRET = "users-own-pg-secret";

  @TempDir Path tmp;
  GitRepo repo;
  Map<String, String> env;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "app");
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_PG_MODE", "url",
        "PGPASSWORD", SECRET));
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("WT_PG_URL") == null,
        "WT_PG_URL is set: it names the server instead of the repository");
  }

  @Test
  void a_server_the_repository_names_gets_no_password_from_the_users_environment() {
    try (PasswordRefusingServer capture = new PasswordRefusingServer()) {
      repo.write("wt.toml", url(capture.port())).commitAll("a server of the repository's choosing");
      WtRun.in(repo.root(), env, "up", "feat/x");
      assertFalse(capture.received().contains(SECRET), "sent: " + capture.received());
    }
  }

  @Test
  void a_server_the_users_own_file_names_gets_the_users_password() {
    try (PasswordRefusingServer capture = new PasswordRefusingServer()) {
      repo.write(".gitignore", "wt.local.toml\n").commitAll("ignore the local file");
      repo.write("wt.local.toml", url(capture.port()));
      WtRun.in(repo.root(), env, "up", "feat/x");
      assertEquals(SECRET, capture.received().isEmpty() ? null : capture.received().get(0));
    }
  }

  private static String url(int port) {
    return "[postgres]\nmode = \"url\"\nurl = \"postgresql://postgres@127.0.0.1:" + port + "/postgres\"\n";
  }
}
