package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code eval "$(wt env)"} gives a real shell, deep inside a worktree, cold and warm. */
class EnvEvalIT {

  @TempDir Path tmp;

  @Test
  void eval_of_wt_env_sets_exactly_what_wt_computed() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", """
        [ports]
        count = 2
        range = [48100, 48999]
        [env.vars]
        GREETING = "it is ${WT_BRANCH} at $${HOME}"
        API_PORT = "${WT_PORT_1}"
        """).commitAll("wt config");
    WtRun.in(repo.root(), "up", "feat/eval").ok();
    Path deep = Files.createDirectories(tmp.resolve("shop-eval/src/deep"));
    String expected = "it is feat/eval at ${HOME}|" + WtRun.in(deep, "env", "--format", "dotenv").ok().out()
        .lines().filter(l -> l.startsWith("API_PORT=")).findFirst().orElseThrow().substring(9);
    Path cache = repo.root().resolve(".git/worktrees/shop-eval/wt-env");
    Files.delete(cache);
    for (String round : new String[] {"cold", "warm"}) {
      Process sh = new ProcessBuilder("sh", "-c",
          "eval \"$(\"$0\" env)\" && printf '%s|%s' \"$GREETING\" \"$API_PORT\"", WtBinary.path().toString())
          .directory(deep.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(sh.getInputStream().readAllBytes());
      sh.waitFor(60, TimeUnit.SECONDS);
      assertEquals(expected, out, round);
      assertEquals(true, Files.isRegularFile(cache), "the cold run leaves the cache for the warm one");
    }
  }
}
