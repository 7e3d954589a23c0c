package dev.wt.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compose file's text can pull in, read from the text alone: docker is never asked to parse
 * it, since parsing already fetches a remote {@code include}. The words that may name a local file
 * ({@code include}, {@code env_file}, {@code extends: file:}, build contexts, bind mounts) and the
 * remote sources an {@code include} names. Deliberately over-inclusive: a word that names no file
 * costs nothing, a file missed would be an unapproved change.
 */
public final class ComposeReferences {

  /** YAML punctuation and an env file's {@code =}: what separates the words that may be paths. */
  private static final Pattern WORD_BREAK = Pattern.compile("[\\s\\[\\]{},:\"'=]+");

  /** Inside an include only quoting and lists separate: a URL keeps its {@code :}. */
  private static final Pattern INCLUDE_BREAK = Pattern.compile("[\\s\\[\\]{},\"']+");

  private static final Pattern VARIABLE = Pattern.compile(
      "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static final Pattern INCLUDE_KEY = Pattern.compile("(?:^|[\\s{,])[\"']?include[\"']?\\s*:");

  private ComposeReferences() {}

  /**
   * The relative words of {@code text} that may name a file, as written and with variables
   * replaced ({@link #interpolate}); absolute paths, {@code ~} and URLs are left out (not the
   * repository's files).
   */
  public static Set<String> words(String text, Function<String, String> value) {
    Set<String> out = new TreeSet<>();
    for (String source : new String[] {text, interpolate(text, value)}) {
      for (String w : WORD_BREAK.split(source)) {
        if (!w.isEmpty() && !w.startsWith("/") && !w.startsWith("~") && !w.contains("://") && w.length() < 1024
            && w.indexOf('\0') < 0 && !w.startsWith("-")) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /**
   * The remote sources (a URL, a git or OCI reference) any {@code include:} of {@code text} names,
   * after variables are replaced. The entries of an include are the rest of its line and the lines
   * below it that are indented deeper (or are list items at its own depth).
   */
  public static List<String> remoteIncludes(String text, Function<String, String> value) {
    String[] lines = interpolate(text, value).split("\r?\n", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = INCLUDE_KEY.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      int depth = indent(lines[i]);
      StringBuilder entries = new StringBuilder(lines[i].substring(m.end()));
      for (int j = i + 1; j < lines.length; j++) {
        String line = lines[j];
        String stripped = line.strip();
        if (!stripped.isEmpty() && !stripped.startsWith("#") && indent(line) <= depth
            && !(indent(line) == depth && stripped.startsWith("-"))) {
          break;
        }
        entries.append('\n').append(line);
      }
      for (String w : INCLUDE_BREAK.split(entries)) {
        if (isRemote(w) && !out.contains(w)) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** Whether {@code word} names something docker would fetch: a URL, {@code git@host:path}, a {@code .git} repository. */
  static boolean isRemote(String word) {
    return word.contains("://") || word.matches("[\\w.-]+@[\\w.-]+:.*") || word.endsWith(".git")
        || word.contains(".git#");
  }

  /**
   * {@code text} with {@code ${NAME}}, {@code $NAME} and the {@code :-}, {@code -}, {@code :+},
   * {@code :?} forms replaced as compose would, {@code value} giving what a name is set to (null
   * when unset); an unset name with no default becomes {@code .}, so {@code ${WT_PATH}/x.yml}
   * still reads as the relative {@code ./x.yml}.
   */
  public static String interpolate(String text, Function<String, String> value) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(4);
      String v = value.apply(name);
      String op = m.group(2);
      String arg = m.group(3) == null ? "" : m.group(3);
      String replaced;
      if (op == null || op.endsWith("?")) {
        replaced = v;
      } else if (op.endsWith("+")) {
        replaced = v != null && !(op.startsWith(":") && v.isEmpty()) ? arg : "";
      } else {
        replaced = v == null || op.startsWith(":") && v.isEmpty() ? arg : v;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replaced == null || replaced.isEmpty() && op == null ? "."
          : replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
