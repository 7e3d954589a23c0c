package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which ignored folders an install makes again: those with their lockfile beside them. */
class DependencyFoldersTest {

  private static Optional<String> lock(String entry, String... files) {
    Set<String> present = Set.of(files);
    return DependencyFolders.lockfileFor(entry, present::contains);
  }

  @Test
  void dependency_folders_beside_their_lockfile_are_rebuilt() {
    assertEquals(Optional.of("package-lock.json"), lock("node_modules/", "package-lock.json"));
    assertEquals(Optional.of("web/pnpm-lock.yaml"), lock("web/node_modules/", "web/pnpm-lock.yaml"));
    assertEquals(Optional.of("yarn.lock"), lock("node_modules/a/b/index.js", "yarn.lock"));
    assertEquals(Optional.of("uv.lock"), lock(".venv/", "uv.lock"));
    assertEquals(Optional.of("requirements.txt"), lock("venv/", "requirements.txt"));
    assertEquals(Optional.of("composer.lock"), lock("vendor/", "composer.lock"));
    assertEquals(Optional.of("go.mod"), lock("vendor/", "go.mod"));
    assertEquals(Optional.of("Gemfile.lock"), lock("vendor/bundle/", "Gemfile.lock"));
  }

  @Test
  void without_a_lockfile_or_in_the_wrong_place_nothing_is_rebuilt() {
    assertEquals(Optional.empty(), lock("node_modules/"));
    assertEquals(Optional.empty(), lock("web/node_modules/", "package-lock.json"), "the lockfile of another package");
    assertEquals(Optional.empty(), lock("vendor/", "Gemfile.lock"), "vendor/ holds more than the bundle");
    assertEquals(Optional.empty(), lock("my_node_modules/", "package-lock.json"));
  }

  @Test
  void build_output_caches_and_logs_are_never_rebuilt() {
    String[] everyLockfile = {"package-lock.json", "Cargo.lock", "uv.lock", "composer.lock", "go.mod"};
    for (String entry : new String[] {"dist/release-signing.key", "target/data.sqlite", ".cache/creds.json",
        "experiment.log", "build/", "dist/", "target/", ".cache/"}) {
      assertEquals(Optional.empty(), lock(entry, everyLockfile), entry);
    }
  }
}
