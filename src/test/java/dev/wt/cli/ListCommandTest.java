package dev.wt.cli;

import static dev.wt.testing.Checks.deleteRecursively;
import static dev.wt.testing.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt list}: every worktree with branch, slug, path, status, divergence and provenance. */
class ListCommandTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "demo");
  }

  @Test
  void list_json_describes_every_worktree() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    Path x = tmp.resolve("demo-x").toRealPath();
    Files.writeString(x.resolve("a.txt"), "a\n");
    GitRepo.gitIn(x, "add", "-A");
    GitRepo.gitIn(x, "commit", "-q", "-m", "ahead");
    Files.writeString(x.resolve("dirty.txt"), "d\n");
    repo.write("main.txt", "m\n").commitAll("behind 1");
    repo.write("main2.txt", "m\n").commitAll("behind 2");
    Path hand = tmp.resolve("hand");
    repo.git("worktree", "add", "-q", "-b", "feat/hand", hand.toString());

    JsonNode list = json(WtRun.in(repo.root(), "list", "--json").ok());
    assertEquals("main", list.get("base").asText());
    JsonNode rows = list.get("worktrees");
    assertEquals(3, rows.size(), list.toString());

    JsonNode main = rows.get(0);
    assertEquals("main", main.get("branch").asText());
    assertTrue(main.get("main").asBoolean());
    assertEquals(repo.root().toRealPath().toString(), main.get("path").asText());
    assertFalse(main.get("provisioned").asBoolean());

    JsonNode feat = rows.get(1);
    assertEquals("feat/x", feat.get("branch").asText());
    assertEquals("x_d6e256", feat.get("slug").asText());
    assertEquals("x", feat.get("subdomain").asText());
    assertEquals(x.toString(), feat.get("path").asText());
    assertFalse(feat.get("main").asBoolean());
    assertEquals("dirty", feat.get("status").asText());
    assertEquals(1, feat.get("ahead").asInt());
    assertEquals(2, feat.get("behind").asInt());
    assertTrue(feat.get("provisioned").asBoolean());

    JsonNode byHand = rows.get(2);
    assertEquals("feat/hand", byHand.get("branch").asText());
    assertEquals("clean", byHand.get("status").asText());
    assertFalse(byHand.get("provisioned").asBoolean(), "another tool made it and setup never ran");
    assertEquals(0, byHand.get("ahead").asInt());
    assertEquals(0, byHand.get("behind").asInt(), "made from main after both commits");
  }

  @Test
  void list_shows_a_missing_folder_and_a_record_whose_worktree_is_gone() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    WtRun.in(repo.root(), "up", "feat/y").ok();
    deleteRecursively(tmp.resolve("demo-x"));
    deleteRecursively(tmp.resolve("demo-y"));
    repo.git("worktree", "prune", "--expire", "now");
    repo.git("worktree", "add", "-q", tmp.resolve("demo-y").toString(), "feat/y");
    deleteRecursively(tmp.resolve("demo-y"));

    JsonNode rows = json(WtRun.in(repo.root(), "list", "--json").ok()).get("worktrees");
    assertEquals(List.of("main", "feat/y", "feat/x"),
        List.of(rows.get(0).get("branch").asText(), rows.get(1).get("branch").asText(), rows.get(2).get("branch").asText()));
    assertEquals("missing", rows.get(1).get("status").asText(), "git knows it, the folder is gone");
    assertEquals("gone", rows.get(2).get("status").asText(), "only wt's record is left");
    assertTrue(rows.get(2).get("provisioned").asBoolean());
  }

  @Test
  void list_prints_a_table_for_people() throws Exception {
    WtRun.in(repo.root(), "up", "feat/x").ok();
    WtRun r = WtRun.in(repo.root(), "ls").ok();
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("BRANCH"), r.out());
    assertTrue(lines.get(1).startsWith("main *"), r.out());
    assertTrue(lines.get(2).matches("feat/x +x_d6e256 +clean +\\+0/-0 +yes +" + tmp.resolve("demo-x").toRealPath() + "( .*)?"),
        r.out());
    assertFalse(r.out().contains("\u001b["), "no colour when not on a terminal");
  }
}
