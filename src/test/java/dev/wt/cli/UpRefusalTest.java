package dev.wt.cli;

import static dev.wt.testing.Checks.assertRefusal;
import static dev.wt.testing.Checks.json;
import static dev.wt.testing.Checks.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code wt up} refuses, creating nothing, and the hostile names it treats as data. */
class UpRefusalTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
  }

  @Test
  void a_worktree_inside_the_git_folder_is_refused_where_wt_trash_would_delete_it() throws Exception {
    WtRun byDir = WtRun.in(repo.root(), "up", "feat/t", "--dir", ".git/wt/trash/.deleting/x").expect(1);
    assertTrue(byDir.err().contains("inside the git folder"), byDir.err());
    repo.write("wt.toml", "worktree_dir = \".git/wt/trash/.deleting/${WT_SLUG}\"\n").commitAll("hostile dir");
    WtRun byConfig = WtRun.in(repo.root(), "up", "feat/cw").expect(1);
    assertTrue(byConfig.err().contains("inside the git folder"), byConfig.err());
    assertFalse(repo.hasBranch("feat/t") || repo.hasBranch("feat/cw"), "nothing was made");

    // one made behind wt's back, named like a trash folder a week old: gc keeps it, work and all
    Path sneaky = repo.root().resolve(".git/wt/trash/x-20200101T000000.000Z");
    repo.git("worktree", "add", "-b", "sneaky", sneaky.toString());
    Files.writeString(sneaky.resolve("work.txt"), "unsaved\n");
    WtRun.in(repo.root(), "gc", "--yes").ok();
    assertTrue(Files.exists(sneaky.resolve("work.txt")), "gc never deletes a live worktree");
    WtRun.in(repo.root(), "list").ok();
    assertTrue(Files.exists(sneaky.resolve("work.txt")), "nor does the restart of background deletions");
  }

  @Test
  void up_refuses_a_base_that_names_no_commit_and_creates_nothing() {
    WtRun r = WtRun.in(repo.root(), "up", "feat/x", "--base", "nope").expect(1);
    assertRefusal(r, "base 'nope' does not name a commit", "--base");
    assertNothingCreatedFor("feat/x");
    assertFalse(Files.exists(repo.path(".git/wt/worktrees/x_d6e256.json")), "no state left behind");
  }

  @Test
  void a_base_in_wt_toml_that_git_would_take_for_an_option_is_refused_and_nothing_is_truncated() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "keep me\n");
    repo.git("update-ref", "refs/tags/--output=z", "HEAD");
    repo.git("branch", "feat/o");
    repo.write("wt.toml", "base = \"--output=z\"\n").commitAll("hostile base");
    WtRun up = WtRun.in(repo.root(), "up", "feat/o").expect(1);
    assertRefusal(up, "base must be a branch or ref name", "docs/config.md");
    WtRun list = WtRun.in(repo.root(), "list").expect(1);
    assertTrue(list.err().contains("base must be a branch or ref name"), list.err());
    assertEquals("keep me\n", Files.readString(victim));
    assertFalse(Files.exists(repo.root().resolve("z...refs/heads/feat/o")), "git wrote no --output file");
  }

  @Test
  void up_refuses_invalid_branch_names_and_creates_nothing() {
    for (String name : List.of("-rf", "--force", "a..b", "feat/x.lock", "x~1", "has space", "@", "HEAD")) {
      WtRun r = WtRun.in(repo.root(), "up", "--", name).expect(1);
      assertRefusal(r, "'" + name + "' is not a valid branch name", "git check-ref-format");
      assertNothingCreatedFor(name);
    }
    assertEquals(1, repo.worktrees().size());
    assertFalse(Files.exists(repo.path(".git/wt/worktrees")), "no state written");
  }

  @Test
  void a_branch_name_that_looks_like_an_option_is_a_usage_error_without_the_double_dash() {
    WtRun r = WtRun.in(repo.root(), "up", "-rf").expect(2);
    assertTrue(r.err().startsWith("wt: "), r.err());
    assertTrue(r.err().contains("hint: a name starting with '-' is data only after --: wt up -- -rf"), r.err());
    assertEquals(1, repo.worktrees().size());
  }

  @Test
  void shell_metacharacters_in_a_branch_name_are_data() throws Exception {
    String branch = "feat/$(touch${IFS}pwned)";
    repo.write("wt.toml", "[setup]\ncommands = [\"printf '%s' \\\"$WT_BRANCH\\\" > branch.txt\"]\n").commitAll("cfg");
    JsonNode r = json(WtRun.in(repo.root(), java.util.Map.of("WT_TRUST", "1"), "up", branch, "--json").ok());
    Path wt = Path.of(r.get("path").asText());
    assertEquals(branch, Files.readString(wt.resolve("branch.txt")));
    try (Stream<Path> all = Files.walk(tmp)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("pwned")), "nothing was executed");
    }
    assertEquals(branch, GitRepo.gitIn(wt, "symbolic-ref", "--short", "HEAD").strip());
  }

  @Test
  void up_refuses_a_remote_tracking_name_and_says_which_name_tracks_it() {
    GitRepo seed = GitRepo.create(tmp, "seed").branchWithCommit("feature", "f.txt", "f\n");
    GitRepo clone = GitRepo.cloneOf(GitRepo.bareOrigin(tmp, "origin.git", seed), tmp, "app");
    WtRun r = WtRun.in(clone.root(), "up", "origin/feature").expect(1);
    assertRefusal(r, "'origin/feature' is a remote-tracking branch", "wt up feature");
    assertFalse(clone.hasBranch("origin/feature"), "no local branch shadows origin/feature");
    assertEquals(1, clone.worktrees().size());
  }

  @Test
  void up_refuses_a_branch_checked_out_in_another_worktree() throws Exception {
    Path hand = tmp.resolve("by-hand");
    repo.git("worktree", "add", "-q", "-b", "feat/x", hand.toString());
    WtRun r = WtRun.in(repo.root(), "up", "feat/x").expect(1);
    assertRefusal(r, "branch feat/x is already checked out at " + hand.toRealPath(), "cd " + hand.toRealPath());
    assertEquals(2, repo.worktrees().size());
    assertFalse(Files.exists(tmp.resolve("demo-x")));
  }

  @Test
  void up_refuses_the_branch_of_the_main_worktree() {
    WtRun r = WtRun.in(repo.root(), "up", "main").expect(1);
    assertRefusal(r, "branch main is already checked out at " + repo.root(), "switch the main worktree");
    assertEquals(1, repo.worktrees().size());
  }

  @Test
  void up_refuses_a_target_folder_that_exists_and_is_not_empty() throws Exception {
    Path target = tmp.resolve("taken");
    Files.createDirectories(target);
    Files.writeString(target.resolve("precious.txt"), "keep me\n");
    WtRun r = WtRun.in(repo.root(), "up", "feat/x", "--dir", target.toString()).expect(1);
    assertRefusal(r, "target folder " + target + " already exists and is not empty", "--dir");
    assertNothingCreatedFor("feat/x");
    assertEquals("keep me\n", Files.readString(target.resolve("precious.txt")));
  }

  @Test
  void up_refuses_a_folder_that_still_belongs_to_a_worktree_removed_by_hand() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    repo.git("worktree", "remove", "--force", tmp.resolve("demo-x").toString());
    WtRun r = WtRun.in(repo.root(), "up", "feat/y", "--dir", "../demo-x").expect(1);
    assertRefusal(r, "target folder " + tmp.resolve("demo-x") + " belongs to the worktree of branch feat/x",
        "wt teardown " + tmp.resolve("demo-x"));
    assertFalse(repo.hasBranch("feat/y"));
    WtRun.in(repo.root(), "teardown", "../demo-x").ok();
    WtRun.in(repo.root(), "up", "feat/y", "--dir", "../demo-x").ok();
  }

  /** The pair of branches whose 6-hex hashes collide is pinned in WorktreeIdentityTest. */
  @Test
  void up_refuses_an_identity_collision_and_creates_nothing() throws Exception {
    WtRun.in(repo.root(), "up", "feat1795/x").ok();
    WtRun r = WtRun.in(repo.root(), "up", "feat3536/x").expect(1);
    assertRefusal(r, "identity x_4b55e9 is already used by branch feat1795/x", "wt down feat1795/x");
    assertFalse(repo.hasBranch("feat3536/x"));
    assertEquals(2, repo.worktrees().size());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("demo", "demo-x"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void outside_a_repository_wt_says_so_with_exit_3() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("not-a-repo"));
    WtRun r = WtRun.in(elsewhere, "up", "feat/x").expect(3);
    assertRefusal(r, "not a git repository: " + elsewhere, "-C");
  }

  @Test
  void paths_with_spaces_quotes_and_dollars_survive_the_env_file_and_the_cd_line() throws Exception {
    GitRepo odd = GitRepo.create(tmp, "it's a $HOME repo");
    WtRun r = WtRun.in(odd.root(), "up", "feat/x").ok();
    Path wt = tmp.resolve("it's a $HOME repo-x").toRealPath();
    String cd = r.out().lines().filter(l -> l.startsWith("cd ")).findFirst().orElseThrow();
    assertEquals(wt.toString(), sh(tmp, cd + " && pwd").strip(), "the printed cd line works when pasted");
    Path vars = Files.writeString(tmp.resolve("vars.sh"), WtRun.in(wt, "env").ok().out());
    String sourced = sh(wt, "eval \"$(cat '" + vars + "')\"; printf '%s|%s' \"$WT_PATH\" \"$WT_MAIN_PATH\"");
    assertEquals(wt + "|" + odd.root().toRealPath(), sourced, "wt env reads back the same in sh");
    // no dotenv quoting carries ' with $HOME to sh and Node's dotenv alike: the env file leaves these out, and says so
    String envFile = Files.readString(wt.resolve(".env.development.local"));
    assertTrue(envFile.contains("# WT_PATH is left out: its value holds $NAME"), envFile);
    assertEquals("|", sh(wt, "set -a; . ./.env.development.local; printf '%s|%s' \"$WT_PATH\" \"$WT_MAIN_PATH\""));
  }

  @Test
  void a_branch_name_with_a_quote_and_a_command_substitution_is_never_run_by_whoever_loads_the_env_file()
      throws Exception {
    String branch = "feat/it's-$(touch${IFS}pwned)-`touch${IFS}pwned2`";
    JsonNode r = json(WtRun.in(repo.root(), "up", branch, "--json").ok());
    Path wt = Path.of(r.get("path").asText());
    assertEquals("", sh(wt, "set -a; . ./.env.development.local; printf '%s' \"$WT_BRANCH\""),
        "left out of the env file: no dotenv quoting gives it back the same to sh and Node's dotenv");
    Path vars = Files.writeString(tmp.resolve("vars.sh"), WtRun.in(wt, "env").ok().out());
    assertEquals(branch, sh(wt, ". '" + vars + "'; printf '%s' \"$WT_BRANCH\""), "wt env gives it back exactly");
    assertFalse(Files.exists(wt.resolve("pwned")) || Files.exists(wt.resolve("pwned2")), "nothing ran");
  }

  private void assertNothingCreatedFor(String branch) {
    assertFalse(repo.hasBranch(branch), "no branch " + branch);
    assertEquals(1, repo.worktrees().size(), "no worktree for " + branch);
  }

  @Test
  void a_committed_worktree_dir_cannot_check_out_into_a_folder_programs_read_whole() throws java.io.IOException {
    GitRepo repo = GitRepo.create(tmp, "evil");
    for (String pattern : new String[] {"../.config/fish/conf.d/${WT_NAME}", "../bin", "/tmp/evil-${WT_SLUG}"}) {
      repo.write("wt.toml", "worktree_dir = \"" + pattern + "\"\n").commitAll("where to check out");
      WtRun r = WtRun.in(repo.root(), Map.of("WT_PG_MODE", "none"), "up", "feat/z").expect(1);
      assertTrue(r.err().contains("in the committed wt.toml is refused"), pattern + "\n" + r.err());
      assertFalse(repo.hasBranch("feat/z"), "nothing made for " + pattern);
    }
    // nor through a committed symlink that leads into a hidden folder (a vim plugin folder here)
    Path plugins = Files.createDirectories(tmp.resolve("home/.vim/pack/evil/start"));
    Files.createSymbolicLink(repo.root().resolve("link"), repo.root().relativize(plugins));
    repo.write("wt.toml", "worktree_dir = \"link/${WT_NAME}\"\n").commitAll("through a link");
    WtRun linked = WtRun.in(repo.root(), Map.of("WT_PG_MODE", "none"), "up", "feat/z").expect(1);
    assertTrue(linked.err().contains("hidden folder .vim"), linked.err());
    assertFalse(Files.exists(plugins.resolve("z")), "nothing checked out into the plugin folder");
    repo.write("wt.local.toml", "worktree_dir = \"../bin\"\n");
    WtRun.in(repo.root(), Map.of("WT_PG_MODE", "none"), "up", "feat/z").ok();
    assertTrue(Files.isDirectory(tmp.resolve("bin")), "the user's own file may choose any folder");
  }
}
