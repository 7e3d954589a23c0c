package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process {@code wt down} leaves running in the worktree (here the shell that started wt, an
 * ancestor) would find itself in the next worktree if the folder became a spare: the folder moves
 * with its files. Such a folder is not kept.
 */
class SpareBesideShellIT {

  @TempDir Path tmp;

  @Test
  void a_folder_a_spared_process_still_works_in_is_not_kept_as_a_spare() throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("r"), "demo");
    repo.write("src/a.txt", "a\n").commitAll("files");
    Map<String, String> env = Map.of("WT_TRUST", "1");
    Process up = WtBinary.start(repo.root(), tmp.resolve("up.log"), env, "up", "feat/old");
    assertTrue(up.waitFor(120, TimeUnit.SECONDS) && up.exitValue() == 0, Files.readString(tmp.resolve("up.log")));
    Path wt = repo.root().resolveSibling("demo-old");

    // the shell stands in the worktree; the wt it starts (a subshell) stands in the main checkout
    Process down = new ProcessBuilder("sh", "-c", "cd \"$1\" && (cd \"$2\" && \"$3\" down feat/old); echo done",
        "sh", wt.resolve("src").toString(), repo.root().toString(), WtBinary.path().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("down.log").toFile()).start();
    assertTrue(down.waitFor(120, TimeUnit.SECONDS), "wt down did not end");
    String log = Files.readString(tmp.resolve("down.log"));
    assertTrue(log.contains("an ancestor of this wt") && log.contains("down: "), log);
    Path spares = dev.wt.core.Trash.of(repo.root().resolve(".git")).spares();
    List<Path> kept;
    try (Stream<Path> s = Files.exists(spares) ? Files.list(spares) : Stream.empty()) {
      kept = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
    assertEquals(List.of(), kept, "the shell's folder must not become the next worktree's\n" + log);
  }
}
