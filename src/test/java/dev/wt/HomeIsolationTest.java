package dev.wt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.RealHomeGuard;
import dev.wt.testing.TestHome;
import dev.wt.testing.WtRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite leaves the developer's home alone: the build gives every test JVM a home under
 * target/ ({@link TestHome}), wt keeps what it writes for a user there, and {@link RealHomeGuard}
 * fails any class that changed the real one.
 */
class HomeIsolationTest {

  @TempDir Path tmp;

  @Test
  void the_test_jvm_runs_with_the_test_home_and_not_the_real_one() {
    Path real = TestHome.realHome();
    assertTrue(System.getProperty("wt.testHome") != null, "surefire and failsafe pass -Dwt.testHome (see pom.xml)");
    assertNotEquals(real, TestHome.root(), "the test home is not the real home");
    assertFalse(TestHome.root().startsWith(real.resolve(".local")), TestHome.root().toString());
    assertEquals(TestHome.root().toString(), System.getProperty("user.home"), "code falling back to user.home");
    // programs a test starts itself (git, sh, fish, the packaged wt) see the same folders
    TestHome.env().forEach((k, v) -> assertEquals(v, System.getenv(k), k + " in the test JVM's environment"));
  }

  @Test
  void what_wt_writes_for_the_user_lands_in_the_test_home() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "app");
    repo.write("wt.toml", "[ports]\ncount = 2\nrange = [48100, 48199]\n").commitAll("ports");
    WtRun.in(repo.root(), "up", "feat/home").ok();
    try {
      // a claim names its owner as <git common dir>#<slug>: this repository's, in one home or the other
      String owner = repo.root().toRealPath().resolve(".git").toString();
      assertEquals(2, claimsOf(TestHome.root(), owner).size(), "feat/home's two port claims are in the test home");
      assertEquals(List.of(), claimsOf(TestHome.realHome(), owner), "none is in the real home");
    } finally {
      WtRun.in(repo.root(), "down", "--force", "feat/home").ok();
    }
  }

  @Test
  void the_guard_sees_a_file_written_where_it_watches() throws Exception {
    // a guard that lists nothing would pass vacuously
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<Path, String> before = RealHomeGuard.listing(RealHomeGuard.watched(home));
    Path claim = Files.createDirectories(home.resolve(".local/state/wt/ports")).resolve("48100");
    Files.writeString(claim, "x");
    List<String> changes = RealHomeGuard.changes(before, RealHomeGuard.listing(RealHomeGuard.watched(home)));
    assertTrue(changes.contains("new " + claim), changes.toString());
    Map<Path, String> withClaim = RealHomeGuard.listing(RealHomeGuard.watched(home));
    Files.writeString(claim, "xy");
    assertTrue(RealHomeGuard.changes(withClaim, RealHomeGuard.listing(RealHomeGuard.watched(home)))
        .contains("changed " + claim));
  }

  @Test
  void a_cluster_the_user_runs_may_write_its_data_but_a_new_cluster_is_seen() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home2"));
    Path data = Files.createDirectories(home.resolve(".local/share/wt/pg/demo-0123/data/base"));
    Files.writeString(data.resolve("1262"), "page");
    Map<Path, String> before = RealHomeGuard.listing(RealHomeGuard.watched(home));
    Files.writeString(data.resolve("1262"), "page, checkpointed");
    Files.writeString(data.resolve("16384"), "new relation");
    assertTrue(RealHomeGuard.changes(before, RealHomeGuard.listing(RealHomeGuard.watched(home))).isEmpty(),
        "a running cluster's own writes are not the tests'");
    Path other = Files.createDirectories(home.resolve(".local/share/wt/pg/test-4567/data"));
    assertTrue(RealHomeGuard.changes(before, RealHomeGuard.listing(RealHomeGuard.watched(home)))
        .contains("new " + other.getParent()), "a cluster a test made in the real home is");
  }

  private static List<Path> claimsOf(Path home, String owner) throws IOException {
    Path dir = home.resolve(".local/state/wt/ports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        try {
          if (Files.readString(p).contains(owner + "#")) {
            out.add(p);
          }
        } catch (NoSuchFileException e) {
          // released meanwhile
        }
      }
    }
    return out;
  }
}
