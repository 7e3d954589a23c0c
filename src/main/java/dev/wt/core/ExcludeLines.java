package dev.wt.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * wt's lines in {@code .git/info/exclude}: blocks from {@link #HEADER} to {@link #END}, one
 * {@code /path} per line. wt takes out only lines naming files it generated; every other line,
 * inside a block or not, is the user's and is never changed.
 */
public final class ExcludeLines {

  public static final String HEADER = "# added by wt: generated per worktree, never to be committed";
  /** Closes a block; files written before it existed have blocks that end at the first line not a path. */
  public static final String END = "# end of lines added by wt";

  private ExcludeLines() {}

  /**
   * The line that ignores exactly the file at {@code path} (relative to the worktree): anchored at
   * the root, with git's pattern characters escaped, so a file named {@code *} hides that file, not
   * every untracked file of every checkout; a trailing space, which git would drop, is kept.
   */
  public static String line(String path) {
    StringBuilder out = new StringBuilder("/");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || c == '*' || c == '?' || c == '[' || c == ']' || (c == ' ' && i == path.length() - 1)) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * What to append to {@code existing} so that it holds each of {@code paths} once: nothing for a
   * line already there, else a block of its own (appending into the last block would put wt's
   * lines among whatever the user wrote after it).
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
    text.append(HEADER).append('\n');
    missing.forEach(p -> text.append(p).append('\n'));
    return text.append(END).append('\n').toString();
  }

  /**
   * {@code existing} without the lines of wt's blocks that are in {@code drop} (files no worktree
   * generates any more), and without blocks left empty. A line is dropped only when it is both in a
   * block and a file wt generated, so a user's line in or after a block stays whatever its position.
   */
  public static String without(String existing, Set<String> drop) {
    List<String> lines = existing.lines().toList();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).equals(HEADER)) {
        out.add(lines.get(i++));
        continue;
      }
      int end = endOf(lines, i);
      boolean closed = end < lines.size() && lines.get(end).equals(END);
      List<String> body = new ArrayList<>();
      for (String line : lines.subList(i + 1, end)) {
        if (!drop.contains(line)) {
          body.add(line);
        }
      }
      if (!body.isEmpty()) {
        out.add(HEADER);
        out.addAll(body);
        if (closed) {
          out.add(END);
        }
      }
      i = closed ? end + 1 : end;
    }
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }

  /**
   * Where the block starting at {@code header} ends: its {@link #END} line when one comes before the
   * next block, else (a file from an older wt) the first line that is not a path.
   */
  private static int endOf(List<String> lines, int header) {
    for (int j = header + 1; j < lines.size() && !lines.get(j).equals(HEADER); j++) {
      if (lines.get(j).equals(END)) {
        return j;
      }
    }
    int j = header + 1;
    while (j < lines.size() && lines.get(j).startsWith("/")) {
      j++;
    }
    return j;
  }
}
