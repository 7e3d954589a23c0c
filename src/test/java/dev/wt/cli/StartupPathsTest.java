package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcuts start-up takes (only the subcommand named is built; plain {@code wt env} and
 * {@code wt --version} skip picocli) print and return exactly what the whole command tree does.
 */
class StartupPathsTest {

  @TempDir Path tmp;

  private static final Set<String> ALL = Cli.commandLine(new CliEnv(Path.of("."), Map.of(),
      new PrintWriter(java.io.Writer.nullWriter()), new PrintWriter(java.io.Writer.nullWriter()), false))
      .getSubcommands().keySet();

  @Test
  void the_subcommand_named_is_the_only_one_built_and_anything_unusual_builds_all() {
    assertEquals(Set.of("env"), Cli.needed("env", "--format", "json"));
    assertEquals(Set.of("list"), Cli.needed("-v", "-C", "some/dir", "ls", "--json"));
    assertEquals(Set.of("db"), Cli.needed("db", "server", "status"));
    assertEquals(Set.of(), Cli.needed("-v", "--version"));
    for (List<String> args : List.<List<String>>of(List.of(), List.of("--help"), List.of("help", "up"), List.of("completion", "bash"),
        List.of("frobnicate"), List.of("-C", "up", "list"), List.of("-C"), List.of("-vC", "x", "list"),
        List.of("--", "up"), List.of("-v"))) {
      Set<String> built = Cli.needed(args.toArray(String[]::new));
      assertEquals(ALL.size() - 1, built.size(), args + " builds every command (ls is list's alias)");
    }
  }

  @Test
  void only_the_plain_env_forms_skip_picocli() {
    Set<String> names = Set.of("up", "env", "list");
    QuickEnv plain = QuickEnv.parse(new String[] {"-C", "a", "env", "--format=fish"}, names);
    assertNotNull(plain);
    assertEquals(Path.of("a"), plain.directory());
    assertEquals(EnvCommand.Format.fish, plain.format());
    assertEquals(EnvCommand.Format.sh, QuickEnv.parse(new String[] {"env"}, names).format());
    for (List<String> args : List.of(List.of("env", "--format"), List.of("env", "--format", "yaml"),
        List.of("env", "--format", "sh", "--format", "json"), List.of("-v", "env"), List.of("env", "--help"),
        List.of("-C", "env", "env"), List.of("env", "env"), List.of("-C", "-x", "env"), List.of("list"),
        List.of("--format", "sh", "env"), List.of("env", "-C", "a", "-C", "b"))) {
      assertNull(QuickEnv.parse(args.toArray(String[]::new), names), args + " goes to picocli");
    }
  }

  @Test
  void only_a_plain_up_or_down_of_one_name_skips_picocli() {
    assertEquals(new QuickWorktree("up", "feat/x"), QuickWorktree.parse(new String[] {"up", "feat/x"}));
    assertEquals(new QuickWorktree("down", "../demo-x"), QuickWorktree.parse(new String[] {"down", "../demo-x"}));
    for (List<String> args : List.of(List.of("up"), List.of("up", "-h"), List.of("up", "--", "x"), List.of("up", ""),
        List.of("down", "--force", "x"), List.of("up", "x", "--json"), List.of("-v", "up", "x"), List.of("list", "x"),
        List.of("-C", "a", "up", "x"), List.of("up", "-x"))) {
      assertNull(QuickWorktree.parse(args.toArray(String[]::new)), args + " goes to picocli");
    }
  }

  @Test
  void a_plain_up_and_down_answer_as_picocli_does() {
    GitRepo repo = GitRepo.create(tmp, "demo");
    Map<String, String> fresh = Map.of("WT_RECYCLE", "0");
    WtRun quickUp = WtRun.in(repo.root(), fresh, "up", "feat/q").ok();
    WtRun quickAgain = WtRun.in(repo.root(), fresh, "up", "feat/q").ok();
    WtRun quickDown = WtRun.in(repo.root(), fresh, "down", "feat/q").ok();
    WtRun slowUp = viaPicocli(repo.root(), fresh, "up", "feat/q");
    assertEquals(quickUp.out(), slowUp.out());
    WtRun slowAgain = viaPicocli(repo.root(), fresh, "up", "feat/q");
    assertEquals(quickAgain.exitCode() + quickAgain.out() + unstamped(quickAgain.err()),
        slowAgain.exitCode() + slowAgain.out() + unstamped(slowAgain.err()));
    assertEquals(quickDown.out(), viaPicocli(repo.root(), fresh, "down", "feat/q").out());
    assertEquals(viaPicocli(repo.root(), "up", "a..b"), WtRun.in(repo.root(), "up", "a..b").expect(1), "the same refusal");
    assertEquals(viaPicocli(repo.root(), "down", "feat/none"), WtRun.in(repo.root(), "down", "feat/none").expect(1));
    assertEquals(viaPicocli(tmp, "up", "feat/q"), WtRun.in(tmp, "up", "feat/q").expect(3), "not a repository");
  }

  @Test
  void the_shortcuts_answer_as_picocli_does() {
    GitRepo repo = GitRepo.create(tmp, "demo");
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("demo-x");
    for (String format : List.of("sh", "fish", "dotenv", "json")) {
      assertEquals(viaPicocli(wt, "env", "--format", format), WtRun.in(wt, "env", "--format", format).ok());
    }
    assertEquals(viaPicocli(repo.root(), "-C", "../demo-x", "env"), WtRun.in(repo.root(), "-C", "../demo-x", "env"));
    assertEquals(viaPicocli(repo.root(), "env"), WtRun.in(repo.root(), "env").expect(1), "the same refusal");
    assertEquals(viaPicocli(tmp, "-C", "nowhere", "env"), WtRun.in(tmp, "-C", "nowhere", "env").expect(2));
    assertEquals(viaPicocli(tmp, "--version"), WtRun.in(tmp, "--version").ok());
    assertEquals(viaPicocli(tmp, "-V"), WtRun.in(tmp, "-V").ok());
  }

  /** {@code err} without the identity's frozen-since time, which each up prints as it is. */
  private static String unstamped(String err) {
    return err.replaceAll("frozen since \\S+", "frozen since T");
  }

  /** What the whole picocli command tree prints and returns for {@code args}. */
  private static WtRun viaPicocli(Path cwd, String... args) {
    return viaPicocli(cwd, Map.of(), args);
  }

  private static WtRun viaPicocli(Path cwd, Map<String, String> extraEnv, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(dev.wt.testing.TestHome.env());
    env.putAll(extraEnv);
    int code = Cli.commandLine(new CliEnv(cwd, env, new PrintWriter(out, true), new PrintWriter(err, true), false))
        .execute(args);
    return new WtRun(code, out.toString(), err.toString());
  }
}
