package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the embedded clusters live: an empty variable (WT_PG_HOME=, XDG_DATA_HOME=) counts as unset. */
class EmbeddedClusterFoldersTest {

  @Test
  void empty_variables_are_unset_not_the_current_folder() {
    Map<String, String> empty = Map.of("HOME", "/home/u", "WT_PG_HOME", "", "XDG_DATA_HOME", " ", "XDG_CACHE_HOME", "");
    Map<String, String> unset = Map.of("HOME", "/home/u");
    assertEquals(new EmbeddedCluster(unset).dataRoot(), new EmbeddedCluster(empty).dataRoot());
    assertEquals(Path.of("/srv/pg/clusters"), new EmbeddedCluster(Map.of("HOME", "/home/u", "WT_PG_HOME", "/srv/pg")).dataRoot());
  }
}
