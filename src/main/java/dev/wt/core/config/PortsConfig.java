package dev.wt.core.config;

import java.util.List;

/**
 * The block of ports each worktree gets: {@code count} consecutive ports inside {@code range}
 * (both ends included). {@code CONDUCTOR_PORT} replaces the allocation when it is set.
 */
public record PortsConfig(Integer count, List<Integer> range) {

  public static final int DEFAULT_COUNT = 1;
  public static final List<Integer> DEFAULT_RANGE = List.of(3100, 3999);

  public PortsConfig {
    count = count == null ? DEFAULT_COUNT : count;
    range = range == null ? DEFAULT_RANGE : List.copyOf(range);
    if (count < 0 || count > 100) {
      throw new IllegalArgumentException("ports.count must be between 0 and 100, not " + count);
    }
    if (range.size() != 2) {
      throw new IllegalArgumentException("ports.range must be [first, last], e.g. [3100, 3999]");
    }
    int first = range.get(0);
    int last = range.get(1);
    if (first < 1024 || last > 65535 || first > last) {
      throw new IllegalArgumentException("ports.range must lie within 1024..65535 with first <= last, not " + range);
    }
    if (last - first + 1 < count) {
      throw new IllegalArgumentException("ports.range " + range + " is smaller than ports.count " + count);
    }
  }

  public int first() {
    return range.get(0);
  }

  public int last() {
    return range.get(1);
  }
}
