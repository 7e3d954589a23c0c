package dev.wt.cli;

import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Poll;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several wt commands at once share one state safely; set-up command output arrives as it is printed. */
class ConcurrencyAndStreamingTest {

  @TempDir Path tmp;

  @Test
  void concurrent_ups_get_distinct_worktrees_slugs_and_ports() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    List<String> branches = List.of("feat/x", "fix/x", "chore/x", "feat/a", "feat/b", "feat/c");
    ExecutorService pool = Executors.newFixedThreadPool(branches.size());
    try {
      List<Future<WtRun>> runs = new ArrayList<>();
      for (String b : branches) {
        runs.add(pool.submit(() -> WtRun.in(repo.root(), "up", b, "--json")));
      }
      Set<String> slugs = new HashSet<>();
      Set<String> ports = new HashSet<>();
      Set<String> paths = new HashSet<>();
      for (Future<WtRun> f : runs) {
        JsonNode r = json(f.get(120, TimeUnit.SECONDS).ok());
        slugs.add(r.at("/record/identity/slug").asText());
        ports.add(r.at("/record/ports").toString());
        paths.add(r.get("path").asText());
      }
      assertEquals(branches.size(), slugs.size(), slugs.toString());
      assertEquals(branches.size(), ports.size(), "never shared: " + ports);
      assertEquals(branches.size(), paths.size(), paths.toString());
      assertEquals(branches.size() + 1, repo.worktrees().size());
      String exclude = Files.readString(repo.path(".git/info/exclude"));
      assertEquals(1, exclude.lines().filter("/.env.development.local"::equals).count(), exclude);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void post_setup_command_output_streams_while_the_command_runs() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "demo");
    // the command prints "first", then waits for the test to answer; if wt buffered the output
    // until the command ended, the test would never see "first" and the command would give up
    repo.write("wt.toml", """
        [setup]
        commands = ["echo first; i=0; while [ ! -f go ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; test -f go && echo second"]
        """).commitAll("cfg");
    Path wt = tmp.resolve("hand");
    repo.git("worktree", "add", "-q", "-b", "feat/hand", wt.toString());

    StringBuffer err = new StringBuffer();
    Writer sink = new Writer() {
      @Override public void write(char[] cbuf, int off, int len) {
        err.append(cbuf, off, len);
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(TestHome.env());
      env.put("WT_TRUST", "1"); // the set-up command is the repository's
      Future<Integer> code = pool.submit(() -> Cli.run(new CliEnv(wt, env,
          new PrintWriter(Writer.nullWriter()), new PrintWriter(sink, true), false), "setup"));
      assertTrue(Poll.until(Duration.ofSeconds(20), () -> err.toString().contains("| first")),
          "the first line arrived while the command still ran\n" + err);
      Files.writeString(wt.resolve("go"), "");
      assertEquals(0, code.get(60, TimeUnit.SECONDS), err.toString());
      assertTrue(err.toString().contains("| second"), err.toString());
    } finally {
      pool.shutdownNow();
    }
  }
}
