package dev.wt.app.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.app.worktree.UpUseCase;
import dev.wt.testing.fake.FakeWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gc chooses only orphans (what no live worktree owns), on fakes. */
class GcRulesTest {

  static final String TOML = """
      [ports]
      count = 2
      range = [41000, 41999]

      [postgres]
      mode = "url"
      url = "postgresql://postgres@pg.fake:5432/postgres"

      [databases.app]
      env = "DATABASE_URL"
      fill = "empty"
      """;

  @TempDir Path tmp;

  private static Set<String> kinds(GcUseCase.Result r, GcUseCase.Outcome outcome) {
    return r.items().stream().filter(i -> i.outcome() == outcome).map(i -> i.kind() + " " + i.name())
        .collect(Collectors.toSet());
  }

  private GcUseCase.Result gc(FakeWorld w, boolean yes, boolean merged) {
    return w.gc().gc(w.main(), new GcUseCase.Request(yes, merged, w.main()), w.reporter);
  }

  @Test
  void gc_finds_what_a_worktree_deleted_by_hand_left_and_nothing_of_the_live_one_or_the_users() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.postgres.existing(FakeWorld.PG, "repo", null);
    w.postgres.existing(FakeWorld.PG, "scratch", "my notes");
    UpUseCase.Result live = w.up("feat/live");
    UpUseCase.Result gone = w.up("feat/gone");
    w.git.deleteByHand(gone.path());

    GcUseCase.Result r = gc(w, false, false);

    String slug = gone.record().slug();
    Set<String> found = kinds(r, GcUseCase.Outcome.FOUND);
    assertTrue(found.contains("record " + slug), found::toString);
    assertTrue(found.contains("database " + gone.record().databases().get(0).database()), found::toString);
    assertTrue(found.contains("worktree " + gone.path()), found::toString);
    assertEquals(2, found.stream().filter(f -> f.startsWith("port ")).count(), found::toString);
    assertTrue(found.stream().noneMatch(f -> f.contains(live.record().slug()) || f.contains("scratch")
        || f.equals("database repo") || f.contains(live.path().toString())), found::toString);
    // a dry run changes nothing
    assertTrue(w.state.bySlug(slug).isPresent());
    assertTrue(w.postgres.dropped().isEmpty());
  }

  @Test
  void gc_yes_releases_the_orphans_keeps_the_live_worktree_and_a_second_gc_finds_nothing() {
    FakeWorld w = new FakeWorld(tmp, TOML);
    w.postgres.existing(FakeWorld.PG, "scratch", null);
    UpUseCase.Result live = w.up("feat/live");
    UpUseCase.Result gone = w.up("feat/gone");
    w.git.deleteByHand(gone.path());

    GcUseCase.Result r = gc(w, true, false);

    assertFalse(r.failed(), r.items()::toString);
    assertEquals(List.of(gone.record().databases().get(0).database()), w.postgres.dropped());
    assertEquals(List.of(live.record().slug()), w.state.all().stream().map(x -> x.slug()).toList());
    assertEquals(Set.copyOf(live.record().ports()), w.ports.all().keySet());
    assertEquals(2, w.git.worktrees(w.main()).size());
    assertTrue(Files.isDirectory(live.path()));
    assertTrue(kinds(gc(w, true, false), GcUseCase.Outcome.RELEASED).isEmpty());
  }

  @Test
  void gc_merged_brings_down_a_merged_clean_worktree_and_keeps_a_dirty_one_and_a_new_one() throws Exception {
    FakeWorld w = new FakeWorld(tmp, TOML);
    UpUseCase.Result clean = w.up("feat/clean");
    UpUseCase.Result dirty = w.up("feat/dirty");
    UpUseCase.Result fresh = w.up("feat/fresh");
    for (String b : List.of("feat/clean", "feat/dirty")) {
      w.git.commit(b, "work");
      w.git.merge(b, "main");
    }
    Files.writeString(dirty.path().resolve("notes.txt"), "mine");

    GcUseCase.Result r = gc(w, true, true);

    assertEquals(Set.of("merged " + clean.path()), kinds(r, GcUseCase.Outcome.RELEASED));
    assertEquals(Set.of("merged " + dirty.path(), "merged " + fresh.path()), kinds(r, GcUseCase.Outcome.KEPT));
    assertFalse(Files.exists(clean.path()));
    assertTrue(Files.isDirectory(dirty.path()) && Files.isDirectory(fresh.path()));
  }
}
