package dev.wt.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * wt's lines in {@code .git/info/exclude}: blocks that start with {@link #HEADER} and hold one
 * {@code /path} per line. Every other line is the user's and is never changed.
 */
public final class ExcludeLines {

  public static final String HEADER = "# added by wt: generated per worktree, never to be committed";

  private ExcludeLines() {}

  /**
   * What to append to {@code existing} so that it holds each of {@code paths} once: nothing for a
   * line already there; the header again only when the file does not end in wt's block.
   */
  public static String toAppend(String existing, List<String> paths) {
    List<String> lines = existing.lines().toList();
    List<String> missing = paths.stream().distinct().filter(p -> !lines.contains(p)).toList();
    if (missing.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (!existing.isEmpty() && !existing.endsWith("\n")) {
      text.append('\n');
    }
    if (!endsInOwnBlock(lines)) {
      text.append(HEADER).append('\n');
    }
    missing.forEach(p -> text.append(p).append('\n'));
    return text.toString();
  }

  /** The paths wt added ({@code /x} lines in its blocks). */
  public static List<String> owned(String existing) {
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    for (String line : existing.lines().toList()) {
      if (line.equals(HEADER)) {
        inBlock = true;
      } else if (inBlock && line.startsWith("/")) {
        out.add(line);
      } else {
        inBlock = false;
      }
    }
    return out;
  }

  /** {@code existing} without wt's lines not in {@code keep}, and without headers left empty. */
  public static String without(String existing, Set<String> keep) {
    List<String> lines = existing.lines().toList();
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    int headerAt = -1;
    for (String line : lines) {
      if (line.equals(HEADER)) {
        dropEmptyHeader(out, headerAt);
        inBlock = true;
        headerAt = out.size();
        out.add(line);
      } else if (inBlock && line.startsWith("/")) {
        if (keep.contains(line)) {
          out.add(line);
        }
      } else {
        dropEmptyHeader(out, headerAt);
        headerAt = -1;
        inBlock = false;
        out.add(line);
      }
    }
    dropEmptyHeader(out, headerAt);
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }

  private static void dropEmptyHeader(List<String> out, int headerAt) {
    if (headerAt >= 0 && headerAt == out.size() - 1) {
      out.remove(headerAt);
    }
  }

  private static boolean endsInOwnBlock(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).equals(HEADER)) {
        return true;
      }
      if (!lines.get(i).startsWith("/")) {
        return false;
      }
    }
    return false;
  }
}
