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

  /** What the whole picocli command tree prints and returns for {@code args}. */
  private static WtRun viaPicocli(Path cwd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    int code = Cli.commandLine(new CliEnv(cwd, env, new PrintWriter(out, true), new PrintWriter(err, true), false))
        .execute(args);
    return new WtRun(code, out.toString(), err.toString());
  }
}
