package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.DatabaseNames;
import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.Pg;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt gc} on the machine's PostgreSQL (url mode): releases exactly what dead worktrees left. */
class GcCommandTest {

  private static final Pg PG = Pg.local();

  @TempDir Path tmp;
  private GitRepo repo;
  private String project;
  private Map<String, String> env;

  @BeforeEach
  void repoWithUniqueProject() {
    Assumptions.assumeTrue(PG.answers(), "no PostgreSQL on 127.0.0.1:5432");
    Random random = new Random();
    project = "wtgc" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
    repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "project = \"" + project + "\"\n").commitAll("wt config");
    env = Map.of("WT_PG_MODE", "url", "WT_PG_URL", PG.adminUrl(), "XDG_STATE_HOME", tmp.resolve("state").toString());
  }

  @AfterEach
  void dropEverythingTheTestMade() {
    if (project != null && PG.answers()) {
      PG.dropAll(project);
    }
  }

  private String dbOf(String branch) {
    return DatabaseNames.of(project, WorktreeIdentity.derive(branch));
  }

  private Path records() {
    return repo.root().resolve(".git/wt/worktrees");
  }

  private List<String> claims() throws IOException {
    Path dir = tmp.resolve("state/wt/ports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".port")).sorted().toList();
    }
  }

  private static JsonNode json(WtRun r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  private static List<String> names(JsonNode result, String kind) {
    List<String> out = new ArrayList<>();
    result.get("items").forEach(i -> {
      if (i.get("kind").asText().equals(kind)) {
        out.add(i.get("name").asText());
      }
    });
    return out;
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Test
  void after_rm_rf_of_a_worktree_gc_yes_releases_its_database_ports_and_record_and_leaves_a_look_alike_alone()
      throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/gone").ok();
    WtRun.in(repo.root(), env, "up", "feat/kept").ok();
    String gone = dbOf("feat/gone");
    String kept = dbOf("feat/kept");
    String slug = WorktreeIdentity.derive("feat/gone").slug();
    // named like a worktree's database, but nobody marked it: the user's, whatever its name says
    String lookAlike = project + "_lookalike_abc123";
    PG.exec("postgres", "CREATE DATABASE \"" + lookAlike + "\"");
    // marked like ours, but by another checkout of the same project
    String otherRepos = project + "_other_abc123";
    PG.exec("postgres", "CREATE DATABASE \"" + otherRepos + "\"",
        "COMMENT ON DATABASE \"" + otherRepos + "\" IS 'wt:" + project + ":" + slug + " (repo 00000000)'");
    List<String> claimsBefore = claims();
    assertFalse(claimsBefore.isEmpty(), "up claims its ports for the user");
    deleteRecursively(tmp.resolve("app-gone"));

    WtRun list = WtRun.in(repo.root(), env, "list").ok();
    assertTrue(list.out().contains("missing"), list.out());
    assertTrue(list.err().contains("wt gc"), "list points at gc: " + list.err());

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertTrue(dry.get("dryRun").asBoolean());
    assertEquals(List.of(gone), names(dry, "database"), dry.toString());
    assertEquals(List.of(slug), names(dry, "record"), dry.toString());
    assertEquals(1, names(dry, "worktree").size(), dry.toString());
    assertFalse(names(dry, "port").isEmpty(), dry.toString());
    assertTrue(PG.databases().contains(gone), "a dry run drops nothing");
    assertTrue(Files.exists(records().resolve(slug + ".json")), "a dry run keeps the record");

    WtRun done = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(done.out().contains("gc: released"), done.out());
    int dryPorts = names(dry, "port").size();
    assertTrue(done.out().contains(dryPorts + (dryPorts == 1 ? " port claim" : " port claims")),
        "the summary counts the ports the dry run counted\n" + done.out());
    assertFalse(PG.databases().contains(gone), done.out() + done.err());
    assertTrue(PG.databases().contains(kept), "the live worktree's database stays");
    assertTrue(PG.databases().contains(lookAlike), "an unmarked look-alike stays");
    assertTrue(PG.databases().contains(otherRepos), "another repository's mark is not ours");
    assertFalse(Files.exists(records().resolve(slug + ".json")), "the record is released");
    assertEquals(claimsBefore.size() / 2, claims().size(), "only the live worktree's port claim is left");
    assertFalse(repo.git("worktree", "list", "--porcelain").contains("app-gone"), "git's entry is pruned");
    assertTrue(repo.hasBranch("feat/gone"), "gc never deletes a branch");

    JsonNode again = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(0, again.get("items").size(), again.toString());
    assertTrue(WtRun.in(repo.root(), env, "gc").ok().out().contains("nothing to release"));
  }

  @Test
  void a_worktree_moved_by_hand_beside_where_it_was_keeps_its_database_in_gc_and_down_until_repaired()
      throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/moved").ok();
    String db = dbOf("feat/moved");
    Path moved = tmp.resolve("renamed-by-hand");
    Files.move(tmp.resolve("app-moved"), moved); // mv, not git worktree move
    Files.writeString(moved.resolve("unsaved.txt"), "work in progress\n");

    WtRun list = WtRun.in(repo.root(), env, "list").ok();
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("feat/moved") && l.contains("moved")), list.out());
    assertTrue(list.err().contains("git worktree repair"), list.err());
    WtRun dry = WtRun.in(repo.root(), env, "gc").ok();
    assertTrue(dry.out().contains("git worktree repair " + moved), dry.out());
    WtRun yes = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(PG.databases().contains(db), "gc --yes keeps a moved worktree's database\n" + yes.out());
    assertTrue(repo.git("worktree", "list", "--porcelain").contains("app-moved"), "and git's entry, for the repair");

    WtRun down = WtRun.in(repo.root(), env, "down", "feat/moved").expect(1);
    assertTrue(down.err().contains("was moved to " + moved), down.err());
    assertTrue(PG.databases().contains(db), "down by the old name drops nothing");

    repo.git("worktree", "repair", moved.toString());
    WtRun.in(repo.root(), env, "down", "--force", moved.toString()).ok();
    assertFalse(PG.databases().contains(db), "repaired, the worktree comes down as any other");
  }

  @Test
  void gc_leaves_alone_what_a_running_up_is_making_before_its_folder_exists() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/making").ok();
    String db = dbOf("feat/making");
    String slug = WorktreeIdentity.derive("feat/making").slug();
    // what an up holds between recording its name and checking the folder out: a record, port
    // claims, (with a slow checkout) its database, no folder and no git entry; and the worktree's lock
    repo.git("worktree", "remove", "--force", tmp.resolve("app-making").toString());
    int claimsBefore = claims().size();
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread up = new Thread(() -> new dev.wt.adapter.fs.JsonStateStore(repo.root().resolve(".git"))
        .lockedWorktree(slug, () -> { }, () -> {
          held.countDown();
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        }));
    up.start();
    try {
      assertTrue(held.await(1, java.util.concurrent.TimeUnit.MINUTES));
      JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
      dry.get("items").forEach(i -> assertEquals("kept", i.get("outcome").asText(), dry.toString()));
      assertEquals(List.of(db), names(dry, "database"), dry.toString());
      assertEquals(List.of(slug), names(dry, "record"), dry.toString());

      WtRun.in(repo.root(), env, "gc", "--yes").ok();
      assertTrue(PG.databases().contains(db), "the database an up is making stays");
      assertTrue(Files.exists(records().resolve(slug + ".json")), "its record stays");
      assertEquals(claimsBefore, claims().size(), "its ports stay claimed");
    } finally {
      done.countDown();
      up.join();
    }
    // that up died without making the folder: now it is a leftover like any other
    WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertFalse(PG.databases().contains(db));
    assertFalse(Files.exists(records().resolve(slug + ".json")));
    assertEquals(List.of(), claims());
  }

  @Test
  void gc_finds_marked_databases_and_pull_staging_copies_when_the_state_is_gone_too() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/lost").ok();
    String lost = dbOf("feat/lost");
    String comment = PG.comment(lost);
    String staging = lost + "_wt_pull";
    PG.exec("postgres", "CREATE DATABASE \"" + staging + "\"",
        "COMMENT ON DATABASE \"" + staging + "\" IS '" + comment.replace("'", "''") + "'");
    deleteRecursively(tmp.resolve("app-lost"));
    // every record and lock; the repository's id stays (without it the marks are another repository's)
    try (Stream<Path> state = Files.list(repo.root().resolve(".git/wt"))) {
      for (Path p : state.filter(p -> !p.getFileName().toString().equals("id")).toList()) {
        deleteRecursively(p);
      }
    }

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(List.of(lost), names(dry, "database"), dry.toString());
    assertEquals(List.of(staging), names(dry, "staging"), dry.toString());

    WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertFalse(PG.databases().contains(lost));
    assertFalse(PG.databases().contains(staging));
    assertTrue(claims().isEmpty(), "a claim whose record is gone is swept as well");
  }

  @Test
  void gc_never_drops_the_main_database_or_the_template() throws Exception {
    String main = project;
    PG.exec("postgres", "CREATE DATABASE \"" + main + "\"");
    WtRun.in(repo.root(), env, "up", "feat/one").ok();
    String slug = WorktreeIdentity.derive("feat/dead").slug();
    // even when someone stamped a dead worktree's mark on them
    String mark = "wt:" + project + ":" + slug + " (repo " + repoKey() + ")";
    PG.exec("postgres", "COMMENT ON DATABASE \"" + main + "\" IS '" + mark + "'",
        "COMMENT ON DATABASE \"" + project + "_template\" IS '" + mark + "'");

    WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(PG.databases().contains(main));
    assertTrue(PG.databases().contains(project + "_template"));
    assertTrue(PG.databases().contains(dbOf("feat/one")));
  }

  @Test
  void gc_drops_the_template_of_a_project_only_a_gone_worktree_used_and_keeps_those_still_in_use() throws Exception {
    String other = project + "b";
    String third = project + "c";
    repo.branchWithCommit("feat/other", "wt.toml", "project = \"" + other + "\"\n");
    repo.branchWithCommit("feat/third", "wt.toml", "project = \"" + third + "\"\n");
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    WtRun.in(repo.root(), env, "up", "feat/other").ok();
    WtRun.in(repo.root(), env, "up", "feat/third").ok();
    WtRun.in(repo.root(), env, "down", "feat/other").ok();
    // worktrees of other projects still have databases, so the down kept the template it made
    assertTrue(PG.databases().contains(other + "_template"), PG.databases().toString());
    // named like a template and on a gone project's name, but unmarked: the user's
    String unmarked = project + "d_template";
    PG.exec("postgres", "CREATE DATABASE \"" + unmarked + "\"");
    // a template the user built for a project no worktree uses (wt db template refresh's mark): wt
    // could not build it again, so gc never offers it
    String users = project + "e_template";
    String userMark = PG.comment(other + "_template").replace(other + ":template:auto", project + "e:template");
    PG.exec("postgres", "CREATE DATABASE \"" + users + "\"", "COMMENT ON DATABASE \"" + users + "\" IS '" + userMark + "'");

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(List.of(other + "_template"), names(dry, "template"), dry.toString());
    assertTrue(PG.databases().contains(other + "_template"), "a dry run drops nothing");

    WtRun done = WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(done.out().contains("1 template"), done.out());
    assertFalse(PG.databases().contains(other + "_template"), done.out());
    assertTrue(PG.databases().contains(project + "_template"), "the main project's");
    assertTrue(PG.databases().contains(third + "_template"), "the project of a live worktree");
    assertTrue(PG.databases().contains(unmarked));
    assertTrue(PG.databases().contains(users), "the user's own template");
    assertTrue(PG.databases().contains(third + "_template"), "still the live worktree's");
    WtRun.in(tmp.resolve("app-third"), env, "db", "reset").ok();
  }

  @Test
  void gc_keeps_a_template_a_configuration_in_use_clones_from_whatever_project_its_mark_names() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/keep").ok();
    String template = project + "_template";
    // made when the project was spelled in capitals: the same template name, another project in the mark
    String mark = PG.comment(template).replace("wt:" + project + ":", "wt:" + project.toUpperCase() + ":");
    PG.exec("postgres", "COMMENT ON DATABASE \"" + template + "\" IS '" + mark + "'");
    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(List.of(), names(dry, "template"), dry.toString());
    WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertTrue(PG.databases().contains(template));
  }

  private String repoKey() throws IOException {
    // the key wt stamps into its marks, read back from a database it made
    String c = PG.comment(dbOf("feat/one"));
    return c.substring(c.indexOf("(repo ") + 6, c.length() - 1);
  }

  @Test
  void gc_merged_brings_down_clean_merged_worktrees_and_refuses_dirty_ones() throws Exception {
    WtRun.in(repo.root(), env, "up", "feat/done").ok();
    WtRun.in(repo.root(), env, "up", "feat/busy").ok();
    WtRun.in(repo.root(), env, "up", "feat/fresh").ok();
    GitRepo.gitIn(tmp.resolve("app-done"), "commit", "-q", "--allow-empty", "-m", "done");
    GitRepo.gitIn(tmp.resolve("app-busy"), "commit", "-q", "--allow-empty", "-m", "busy");
    repo.git("merge", "-q", "--no-ff", "-m", "merge done", "feat/done");
    repo.git("merge", "-q", "--no-ff", "-m", "merge busy", "feat/busy");
    Files.writeString(tmp.resolve("app-busy/notes.txt"), "unsaved work");

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--merged", "--json").ok());
    assertEquals(2, names(dry, "merged").size() - 1, dry.toString()); // done, busy found; fresh kept
    assertTrue(Files.isDirectory(tmp.resolve("app-done")), "a dry run brings nothing down");

    WtRun r = WtRun.in(repo.root(), env, "gc", "--merged", "--yes").ok();
    assertFalse(Files.exists(tmp.resolve("app-done")), r.out() + r.err());
    assertFalse(PG.databases().contains(dbOf("feat/done")));
    assertTrue(Files.readString(tmp.resolve("app-busy/notes.txt")).equals("unsaved work"), "dirty: refused");
    assertTrue(r.out().contains("uncommitted"), r.out());
    assertTrue(Files.isDirectory(tmp.resolve("app-fresh")), "a worktree with no commits of its own stays");
    assertTrue(PG.databases().contains(dbOf("feat/fresh")));
  }

  @Test
  void gc_deletes_trash_older_than_a_week_and_keeps_the_rest() throws Exception {
    dev.wt.core.Trash bin = dev.wt.core.Trash.of(repo.root().resolve(".git"));
    Path trash = Files.createDirectories(bin.root());
    Path old = Files.createDirectories(bin.folderFor("old_1", Instant.now().minus(Duration.ofDays(8))));
    Files.writeString(old.resolve("file.txt"), "x");
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "not in the trash");
    Files.createSymbolicLink(old.resolve("link"), outside);
    Path recent = Files.createDirectories(bin.folderFor("new_1", Instant.now()));
    // named by wt's rule, not by when it was last touched: an old folder wt did not make stays
    Path notOurs = Files.createDirectories(trash.resolve("my-notes"));
    Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

    JsonNode dry = json(WtRun.in(repo.root(), env, "gc", "--json").ok());
    assertEquals(List.of(old.toString()), names(dry, "trash"), dry.toString());
    WtRun.in(repo.root(), env, "gc", "--yes").ok();
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(recent));
    assertTrue(Files.exists(notOurs), "a folder wt did not put in its trash is not gc's");
    assertTrue(Files.exists(outside), "a link out of the trash is removed, not followed");
  }
}
