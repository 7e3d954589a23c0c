package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.EnvFormat;
import dev.wt.testing.EnvReaders;
import dev.wt.testing.EnvReaders.Reader;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A branch name made to run code: wt writes it where it can be read back exactly, and refuses it elsewhere. */
class HostileBranchEnvTest {

  private static final Map<String, String> NO_PG = Map.of("WT_PG_MODE", "none");

  @TempDir Path tmp;

  private GitRepo repo() {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", "[ports]\nrange = [47100, 47999]\n").commitAll("wt config");
    return repo;
  }

  /** The branch: sourcing {@code wt env --format dotenv} with sh used to create the canary. */
  private String branchThatRuns(Path canary) {
    return "feat/it'\"'\"'s$(touch${IFS}" + canary + ")";
  }

  private static Path linked(GitRepo repo) {
    List<Path> linked = repo.worktrees().stream().filter(p -> !p.equals(repo.worktrees().get(0))).toList();
    assertEquals(1, linked.size(), linked.toString());
    return linked.get(0);
  }

  private static List<Reader> readers(EnvFormat format) {
    List<Reader> out = new ArrayList<>();
    switch (format) {
      case SH -> out.addAll(EnvReaders.shells(EnvFormat.SH));
      case FISH -> out.add(EnvReaders.fish());
      case JSON -> out.add(EnvReaders.nodeJson());
      case DOTENV -> {
        out.add(EnvReaders.python());
        out.add(EnvReaders.node());
        out.addAll(EnvReaders.shells(EnvFormat.DOTENV));
      }
    }
    return out;
  }

  private void readsBack(Reader reader, Path file, Path cwd, String branch, Path canary) throws Exception {
    EnvReaders.assumeInstalled(reader);
    Map<String, String> vars = EnvReaders.read(reader, file, cwd);
    assertFalse(Files.exists(canary), reader + " ran the branch name in:\n" + Files.readString(file));
    assertEquals(branch, vars.get("WT_BRANCH"), reader + " read:\n" + Files.readString(file));
  }

  @Test
  void up_of_the_branch_that_ran_code_gives_it_back_exactly_where_it_can_and_never_runs_it() throws Exception {
    GitRepo repo = repo();
    Path canary = tmp.resolve("pwned");
    String branch = branchThatRuns(canary);
    WtRun up = WtRun.in(repo.root(), NO_PG, "up", branch).ok();
    Path wt = linked(repo);
    assertTrue(up.err().contains("WT_BRANCH: left out of .env.development.local: its value holds "),
        up.err());

    for (EnvFormat format : List.of(EnvFormat.SH, EnvFormat.FISH, EnvFormat.JSON)) {
      String out = WtRun.in(wt, NO_PG, "env", "--format", format.name().toLowerCase()).ok().out();
      Path file = Files.writeString(tmp.resolve("env." + format), out);
      for (Reader reader : readers(format)) {
        readsBack(reader, file, wt, branch, canary);
      }
    }
    // no dotenv quoting gives this name back the same to sh and to Node's dotenv: it is left out, and says so
    String dotenv = WtRun.in(wt, NO_PG, "env", "--format", "dotenv").ok().out();
    assertEquals(dotenv, Files.readString(wt.resolve(".env.development.local")).substring(EnvFormat.ENV_FILE_HEADER.length()));
    assertTrue(dotenv.contains("# WT_BRANCH is left out: its value holds "), dotenv);
    assertFalse(dotenv.contains("touch"), "the value is not echoed: " + dotenv);
    String slug = WtRun.in(wt, NO_PG, "env", "--format", "json").ok().out().replaceAll("(?s).*\"WT_SLUG\" : \"([^\"]+)\".*", "$1");
    for (Reader reader : readers(EnvFormat.DOTENV)) {
      EnvReaders.assumeInstalled(reader);
      Map<String, String> vars = EnvReaders.read(reader, wt.resolve(".env.development.local"), wt);
      assertFalse(Files.exists(canary), reader + " ran the branch name");
      assertFalse(vars.containsKey("WT_BRANCH"), reader + " got " + vars.get("WT_BRANCH"));
      assertEquals(slug, vars.get("WT_SLUG"), reader + " still reads the rest");
    }
  }

  @Test
  void a_configured_value_the_env_file_cannot_hold_is_refused_not_written() {
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("wt.toml", "[ports]\nrange = [47100, 47999]\n[env.vars]\nGREETING = \"it's \\\"${WT_SLUG}\\\"\"\n")
        .commitAll("wt config");
    WtRun up = WtRun.in(repo.root(), NO_PG, "up", "feat/greet").expect(4);
    assertTrue(up.err().contains(".env.development.local is not written: GREETING cannot be written in dotenv form: "
        + "its value holds ' together with"), up.err());
    Path wt = linked(repo);
    assertFalse(Files.exists(wt.resolve(".env.development.local")));
    WtRun env = WtRun.in(wt, NO_PG, "env", "--format", "dotenv").expect(1);
    assertEquals("", env.out(), "nothing half-written");
    // setup stopped before its files were complete: the worktree says so rather than half an environment
    assertTrue(WtRun.in(wt, NO_PG, "env").expect(1).err().contains("is not set up yet"));
  }

  @Test
  void a_branch_with_payloads_the_env_file_can_hold_reads_back_exactly_from_every_format_and_the_file() throws Exception {
    GitRepo repo = repo();
    String branch = "feat/$(>pwned)`>pwned`;>pwned|x&pwned";
    WtRun.in(repo.root(), NO_PG, "up", branch).ok();
    Path wt = linked(repo);
    Path canary = wt.resolve("pwned"); // the payloads write into the reader's folder

    for (EnvFormat format : EnvFormat.values()) {
      String out = WtRun.in(wt, NO_PG, "env", "--format", format.name().toLowerCase()).ok().out();
      Path file = Files.writeString(tmp.resolve("env." + format), out);
      for (Reader reader : readers(format)) {
        readsBack(reader, file, wt, branch, canary);
      }
    }
    for (Reader reader : readers(EnvFormat.DOTENV)) {
      readsBack(reader, wt.resolve(".env.development.local"), wt, branch, canary);
    }
  }
}
