package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code [env.vars]} reach {@code wt run} and {@code wt env} (which direnv and
 * mise load into the user's shell) only once approved: a committed {@code PATH} would otherwise make
 * {@code wt run ls} run the repository's {@code bin/ls}.
 */
class EnvVarsTrustTest {

  @TempDir Path tmp;
  GitRepo repo;
  Path canary;
  Path worktree;
  Map<String, String> env;

  @BeforeEach
  void repositoryWithACommittedPath() throws IOException {
    repo = GitRepo.create(tmp, "evt");
    canary = tmp.resolve("canary");
    repo.write("wt.toml", "project = \"evt\"\n[postgres]\nmode = \"none\"\n[env.vars]\n"
        + "PATH = \"${WT_PATH}/bin:/usr/bin:/bin\"\nGREETING = \"hi\"\n")
        .write("bin/ls", "#!/bin/sh\ntouch '" + canary + "'\n");
    assertTrue(repo.path("bin/ls").toFile().setExecutable(true));
    repo.commitAll("a PATH of the repository's");
    env = new HashMap<>(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "WT_TRUST", "",
        "PATH", "/usr/bin:/bin"));
    WtRun.in(repo.root(), env, "up", "feat/a").ok();
    worktree = tmp.resolve("evt-a");
  }

  private WtRun wt(String... args) {
    return WtRun.in(worktree, env, args);
  }

  @Test
  void unapproved_wt_run_leaves_the_repositorys_variables_out_and_says_so() {
    WtRun r = wt("run", "--", "ls").ok();
    assertFalse(Files.exists(canary), "the repository's bin/ls ran:\n" + r.err());
    // only a name that makes programs load code waits; GREETING changes what no program runs
    assertTrue(r.err().contains("left out PATH ") && !r.err().contains("GREETING") && r.err().contains("wt trust"),
        r.err());

    wt("trust", "--yes").ok();
    WtRun approved = wt("run", "--", "ls").ok();
    assertTrue(Files.exists(canary), "approved, the PATH holds:\n" + approved.err());
    assertFalse(approved.err().contains("left out"), approved.err());
  }

  @Test
  void unapproved_wt_env_prints_wts_own_and_the_users_variables_and_one_warning() {
    repo.write("wt.local.toml", "[env.vars]\nMINE = \"yes\"\n");
    WtRun r = wt("env").ok();
    assertTrue(r.out().contains("WT_PATH=") && r.out().contains("MINE=") && r.out().contains("PORT="), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("export PATH=")) && r.out().contains("GREETING"), r.out());
    assertTrue(r.err().lines().filter(l -> l.contains("left out")).count() == 1 && r.err().contains("wt trust"),
        r.err());

    wt("trust", "--yes").ok();
    assertTrue(wt("env").ok().out().contains("export PATH="), "approved, the variables are printed");
    WtRun warm = wt("env").ok();
    assertTrue(warm.out().contains("export PATH=") && warm.err().isEmpty(), warm.out() + warm.err());
    // a revoke is seen at once, cached answer or not
    wt("trust", "--revoke").ok();
    WtRun revoked = wt("env").ok();
    assertFalse(revoked.out().contains("export PATH="), revoked.out());
    assertTrue(revoked.err().contains("left out"), revoked.err());
  }
}
