package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ExitCode;
import dev.wt.core.RepositoryId;
import dev.wt.core.StateLayout;
import dev.wt.core.WtException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <git common dir>/wt/id}: made once, from random, by whichever command lands first; never replaced. */
class RepositoryIdFileTest {

  @TempDir Path tmp;

  @Test
  void the_first_call_makes_a_random_128_bit_id_and_later_calls_read_the_same() throws Exception {
    Path common = tmp.resolve("a/.git");
    RepositoryId made = RepositoryIdFile.readOrCreate(common);

    assertEquals(32, made.hex().length());
    assertEquals(made.hex() + "\n", Files.readString(StateLayout.id(common)));
    assertEquals(made, RepositoryIdFile.readOrCreate(common));
    assertNotEquals(made, RepositoryIdFile.readOrCreate(tmp.resolve("b/.git")), "another repository, another id");
    try (Stream<Path> files = Files.list(StateLayout.root(common))) {
      assertEquals(List.of("id"), files.map(p -> p.getFileName().toString()).toList(), "no temp file is left");
    }
  }

  @Test
  void commands_racing_to_make_the_id_all_end_with_the_one_that_landed_first() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        Path common = tmp.resolve("race" + round + "/.git");
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<RepositoryId>> ids = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          ids.add(pool.submit(() -> {
            start.await(1, TimeUnit.MINUTES);
            return RepositoryIdFile.readOrCreate(common);
          }));
        }
        Set<RepositoryId> seen = new HashSet<>();
        for (Future<RepositoryId> id : ids) {
          seen.add(id.get(1, TimeUnit.MINUTES));
        }
        assertEquals(1, seen.size(), "round " + round + ": " + seen);
        assertEquals(seen.iterator().next().hex() + "\n", Files.readString(StateLayout.id(common)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anything_but_an_id_in_the_file_is_refused_on_one_line_and_left_as_it_is() throws Exception {
    Path common = tmp.resolve("c/.git");
    Path file = StateLayout.id(common);
    Files.createDirectories(file.getParent());
    for (String contents : new String[] {"", "\n", "not an id\n", "ABCDEF0123456789ABCDEF0123456789\n",
        "0123456789abcdef\n", "0123456789abcdef0123456789abcdef\n\n", " 0123456789abcdef0123456789abcdef\n"}) {
      Files.writeString(file, contents);

      WtException e = assertThrows(WtException.class, () -> RepositoryIdFile.readOrCreate(common), contents);

      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(e.getMessage().startsWith("cannot read the repository id " + file), e.getMessage());
      assertTrue(e.hint().contains("delete it for a new one"), e.hint());
      assertEquals(contents, Files.readString(file), "never replaced");
    }
  }

  @Test
  void a_folder_or_a_link_in_the_ids_place_is_refused() throws Exception {
    Path common = tmp.resolve("d/.git");
    Path file = StateLayout.id(common);
    Files.createDirectories(file);
    assertEquals(ExitCode.ENVIRONMENT,
        assertThrows(WtException.class, () -> RepositoryIdFile.readOrCreate(common)).exitCode());
    Files.delete(file);
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "0123456789abcdef0123456789abcdef\n");
    Files.createSymbolicLink(file, elsewhere);
    assertEquals(ExitCode.ENVIRONMENT,
        assertThrows(WtException.class, () -> RepositoryIdFile.readOrCreate(common)).exitCode());
  }

  @Test
  void a_state_folder_wt_cannot_write_is_refused_with_a_hint() throws Exception {
    Path common = tmp.resolve("e/.git");
    Path root = Files.createDirectories(StateLayout.root(common));
    assertTrue(root.toFile().setWritable(false, false));
    try {
      Assumptions.assumeFalse(Files.isWritable(root), "root writes anywhere");
      WtException e = assertThrows(WtException.class, () -> RepositoryIdFile.readOrCreate(common));
      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(e.getMessage().startsWith("cannot make the repository id " + StateLayout.id(common)), e.getMessage());
      assertTrue(e.hint().contains("writable"), e.hint());
    } finally {
      root.toFile().setWritable(true, true);
    }
  }
}
