package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt hook claude create|remove} fed the payloads Claude Code sends, on stdin. */
class ClaudeHookTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "app");
  }

  /** One run of wt in-process with {@code stdin} as its standard input. */
  record Hook(int exitCode, String out, String err) {
    static Hook run(Path cwd, InputStream stdin, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("WT_TRUST", "1");
      int code = Cli.run(new CliEnv(cwd, env, new PrintWriter(out, true), new PrintWriter(err, true), false, stdin), args);
      return new Hook(code, out.toString(), err.toString());
    }

    static Hook run(Path cwd, String payload, String... args) {
      return run(cwd, new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), args);
    }
  }

  private String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void create_with_the_name_field_prints_only_the_path_and_sets_the_worktree_up() throws Exception {
    // as captured from a build that sends "name" and no base
    String payload = "{\"session_id\":\"6f1c0a2e-93b1-4d55-8e2a-1f0c9d7b3a44\",\"transcript_path\":\"/home/u/.claude/projects/x/6f1c.jsonl\","
        + "\"cwd\":" + json(repo.root().toString()) + ",\"hook_event_name\":\"WorktreeCreate\",\"name\":\"agent-a1b2c3d4\"}";
    // Claude runs the hook from wherever the session stands; the payload's cwd names the repository
    Hook h = Hook.run(tmp, payload, "hook", "claude", "create");
    assertEquals(0, h.exitCode(), h.err());
    Path wt = Path.of(h.out().strip());
    assertEquals(wt + "\n", h.out(), "stdout is the path and nothing else");
    assertTrue(wt.isAbsolute() && Files.isDirectory(wt), h.out());
    assertEquals(List.of(repo.root().toRealPath(), wt), repo.worktrees());
    assertTrue(h.err().contains("+ identity"), "progress goes to stderr\n" + h.err());
    assertEquals("agent-a1b2c3d4", GitRepo.gitIn(wt, "symbolic-ref", "--short", "HEAD").strip());
    assertTrue(Files.exists(wt.resolve(".env.development.local")), "set up like wt up does");
  }

  @Test
  void create_with_worktree_name_and_base_commit_branches_from_that_commit() throws Exception {
    String base = repo.commit("main");
    repo.write("later.txt", "later\n").commitAll("later");
    String payload = "{\"hook_event_name\":\"WorktreeCreate\",\"session_id\":\"s1\",\"transcript_path\":\"/t.jsonl\","
        + "\"worktree_name\":\"fix-login\",\"base_commit\":\"" + base + "\",\"cwd\":" + json(repo.root().toString()) + "}";
    Hook h = Hook.run(repo.root(), payload, "hook", "claude", "create");
    assertEquals(0, h.exitCode(), h.err());
    Path wt = Path.of(h.out().strip());
    assertEquals(List.of(wt.toString()), h.out().lines().toList());
    assertEquals(base, GitRepo.gitIn(wt, "rev-parse", "HEAD").strip());
    assertFalse(Files.exists(wt.resolve("later.txt")));
  }

  @Test
  void create_accepts_base_ref_and_a_stdin_the_caller_keeps_open() throws Exception {
    repo.branchWithCommit("release", "rel.txt", "r\n");
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(writer);
    writer.write(("{\"name\":\"feat-x\",\"base_ref\":\"release\",\"cwd\":" + json(repo.root().toString()) + "}\n")
        .getBytes(StandardCharsets.UTF_8));
    writer.flush();
    // never closed: wt reads one object and goes on
    Hook h = Hook.run(repo.root(), stdin, "hook", "claude", "create");
    writer.close();
    assertEquals(0, h.exitCode(), h.err());
    Path wt = Path.of(h.out().strip());
    assertTrue(Files.exists(wt.resolve("rel.txt")), "branched from base_ref");
  }

  @Test
  void create_copies_what_worktreeinclude_names_which_claude_skips_when_a_hook_creates() throws Exception {
    repo.write(".worktreeinclude", ".env.local\n").commitAll("include");
    Files.writeString(repo.root().resolve(".env.local"), "API_KEY=secret\n");
    Hook h = Hook.run(repo.root(), "{\"worktree_name\":\"inc\",\"cwd\":" + json(repo.root().toString()) + "}",
        "hook", "claude", "create");
    assertEquals(0, h.exitCode(), h.err());
    Path wt = Path.of(h.out().strip());
    assertEquals("API_KEY=secret\n", Files.readString(wt.resolve(".env.local")));
  }

  @Test
  void create_whose_set_up_fails_still_prints_the_path_so_claude_keeps_the_worktree() throws Exception {
    repo.write("wt.toml", "[setup]\ncommands = [\"exit 7\"]\n").commitAll("a failing set-up command");
    String payload = "{\"worktree_name\":\"fails\",\"cwd\":" + json(repo.root().toString()) + "}";
    Hook h = Hook.run(repo.root(), payload, "hook", "claude", "create");
    assertEquals(0, h.exitCode(), h.err());
    Path wt = Path.of(h.out().strip());
    assertEquals(wt + "\n", h.out(), "stdout is the path and nothing else");
    assertTrue(Files.isDirectory(wt), h.out());
    assertTrue(h.err().contains("set-up stopped") && h.err().contains("wt setup"), h.err());
  }

  @Test
  void create_run_twice_for_one_name_prints_the_same_path() {
    String payload = "{\"worktree_name\":\"again\",\"cwd\":" + json(repo.root().toString()) + "}";
    Hook first = Hook.run(repo.root(), payload, "hook", "claude", "create");
    Hook second = Hook.run(repo.root(), payload, "hook", "claude", "create");
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(first.out(), second.out());
  }

  @Test
  void bad_payloads_fail_with_the_usage_code_and_nothing_on_stdout() {
    for (String payload : List.of("", "not json", "[1,2]", "{\"session_id\":\"x\"}")) {
      Hook h = Hook.run(repo.root(), payload, "hook", "claude", "create");
      assertEquals(2, h.exitCode(), payload + "\n" + h.err());
      assertEquals("", h.out());
      assertTrue(h.err().startsWith("wt: "), h.err());
    }
    Hook bad = Hook.run(repo.root(), "{\"worktree_name\":\"-rf\"}", "hook", "claude", "create");
    assertEquals(1, bad.exitCode(), bad.err());
    assertEquals("", bad.out());
  }

  @Test
  void remove_takes_a_clean_worktree_down_and_prints_nothing() throws Exception {
    Hook made = Hook.run(repo.root(), "{\"worktree_name\":\"done\",\"cwd\":" + json(repo.root().toString()) + "}",
        "hook", "claude", "create");
    Path wt = Path.of(made.out().strip());
    String payload = "{\"session_id\":\"s\",\"hook_event_name\":\"WorktreeRemove\",\"cwd\":" + json(wt.toString())
        + ",\"worktree_path\":" + json(wt.toString()) + "}";
    // Claude may run it from inside the worktree it removes
    Hook h = Hook.run(wt, payload, "hook", "claude", "remove");
    assertEquals(0, h.exitCode(), h.err());
    assertEquals("", h.out());
    assertFalse(Files.exists(wt));
    assertEquals(List.of(repo.root().toRealPath()), repo.worktrees());
  }

  @Test
  void remove_keeps_a_worktree_with_unsaved_work_and_says_why() throws Exception {
    Hook made = Hook.run(repo.root(), "{\"worktree_name\":\"busy\",\"cwd\":" + json(repo.root().toString()) + "}",
        "hook", "claude", "create");
    Path wt = Path.of(made.out().strip());
    Files.writeString(wt.resolve("README.md"), "edited\n");
    Hook h = Hook.run(repo.root(), "{\"worktree_path\":" + json(wt.toString()) + "}", "hook", "claude", "remove");
    assertEquals(1, h.exitCode(), h.err());
    assertEquals("", h.out());
    assertTrue(h.err().contains("uncommitted"), h.err());
    assertEquals("edited\n", Files.readString(wt.resolve("README.md")));
  }

  @Test
  void the_example_settings_run_these_two_commands() throws Exception {
    var settings = dev.wt.adapter.fs.Json.mapper().readTree(Path.of("examples/claude/.claude/settings.json").toFile());
    assertEquals("wt hook claude create", settings.at("/hooks/WorktreeCreate/0/hooks/0/command").asText());
    assertEquals("wt hook claude remove", settings.at("/hooks/WorktreeRemove/0/hooks/0/command").asText());
  }
}
