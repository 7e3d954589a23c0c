package dev.wt.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's command line as people know it: wt itself runs as {@code java … -jar …/wt run -- npm
 * run dev}, which is shown as {@code wt run -- npm run dev}; anything else is unchanged.
 */
public final class ShownCommand {

  // java (by path or name), its options, then -jar <a file named wt…> or the main class, then wt's arguments
  private static final Pattern WT_JVM = Pattern.compile(
      "^(?:\\S*/)?java\\s(?:.*?\\s)?(?:-jar\\s+(?:\\S*/)?wt[^\\s/]*|dev\\.wt\\.Main)(\\s.*)?$");

  private ShownCommand() {}

  public static String of(String command) {
    Matcher m = WT_JVM.matcher(command);
    if (!m.matches()) {
      return command;
    }
    return "wt" + (m.group(1) == null ? "" : m.group(1));
  }
}
