package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wt list}: every column starts at the same place on every line, however long the names. */
class ListAlignmentTest {

  @TempDir Path tmp;

  @Test
  void columns_stay_aligned_with_long_branch_names() {
    GitRepo repo = GitRepo.create(tmp, "shop");
    WtRun.in(repo.root(), "up", "x").ok();
    WtRun.in(repo.root(), "up", "feature/a-really-long-branch-name-that-goes-on-and-on").ok();
    List<String> lines = WtRun.in(repo.root(), "list").ok().out().lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    String header = lines.get(0);
    for (String column : List.of("SLUG", "STATUS", "+/-", "WT", "PATH")) {
      int at = header.indexOf(column);
      for (String line : lines.subList(1, lines.size())) {
        assertEquals(' ', line.charAt(at - 1), column + " starts at " + at + " in every line:\n" + String.join("\n", lines));
        assertEquals(false, line.charAt(at) == ' ', column + " has a value at " + at + ":\n" + String.join("\n", lines));
      }
    }
  }
}
