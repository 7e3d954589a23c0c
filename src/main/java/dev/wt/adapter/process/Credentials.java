package dev.wt.adapter.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom the file system sees when a process opens a file: its fs uid, fs gid and groups, read from
 * {@code /proc/<pid>/status}, which every user may read.
 */
record Credentials(long uid, long gid, Set<Long> groups) {

  Credentials {
    groups = Set.copyOf(groups);
  }

  /** The credentials of the process in {@code dir}, or null when they cannot be read. */
  static Credentials of(Path dir) {
    try {
      Map<String, String> status = Files.readAllLines(dir.resolve("status")).stream()
          .filter(l -> l.indexOf(':') > 0)
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).trim(),
              (a, b) -> a));
      List<Long> uids = numbers(status.get("Uid"));
      List<Long> gids = numbers(status.get("Gid"));
      if (uids.size() < 4 || gids.size() < 4) {
        return null;
      }
      return new Credentials(uids.get(3), gids.get(3), Set.copyOf(numbers(status.get("Groups"))));
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * Whether the permission bits of every folder on the way let this user into {@code folder}; root
   * always may. A folder whose bits cannot be read counts as open. ACLs are not read: a user let in
   * only by an ACL is taken to be kept out.
   */
  boolean mayEnter(Path folder) {
    if (uid == 0) {
      return true;
    }
    for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
      try {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid");
        int mode = (Integer) a.get("mode");
        long owner = ((Number) a.get("uid")).longValue();
        long group = ((Number) a.get("gid")).longValue();
        int bit = owner == uid ? 0100 : group == gid || groups.contains(group) ? 0010 : 0001;
        if ((mode & bit) == 0) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException | ClassCastException e) {
        // cannot tell: assume it may
      }
    }
    return true;
  }

  private static List<Long> numbers(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("\\s+")).map(Long::parseLong).toList();
  }
}
