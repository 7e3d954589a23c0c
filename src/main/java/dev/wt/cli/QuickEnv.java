package dev.wt.cli;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code wt env} without picocli, for the plain forms a cd hook runs ({@code wt [-C DIR] env
 * [--format F]}): building picocli's model of even two commands costs more than the rest of a warm
 * {@code wt env}. Anything else (help, -v, a bad value, a repeated option) is left to picocli, so
 * what it would print and return stays its job.
 *
 * @param directory the {@code -C} folder, or null
 * @param format the output format
 */
record QuickEnv(Path directory, EnvCommand.Format format) {

  private static final Set<String> FORMATS = Set.of("sh", "fish", "dotenv", "json");

  /** The request {@code args} make when they are one of the plain forms, else null. */
  static QuickEnv parse(String[] args, Set<String> commands) {
    String directory = null;
    String format = null;
    boolean env = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : "";
      if (arg.equals("env") && !env) {
        env = true;
      } else if (arg.equals("-C") && directory == null && !value.isEmpty() && !value.startsWith("-")
          && !commands.contains(value)) {
        directory = value;
        i++;
      } else if (env && arg.equals("--format") && format == null && FORMATS.contains(value)) {
        format = value;
        i++;
      } else if (env && arg.startsWith("--format=") && format == null && FORMATS.contains(arg.substring(9))) {
        format = arg.substring(9);
      } else {
        return null;
      }
    }
    return env ? new QuickEnv(directory == null ? null : Path.of(directory),
        EnvCommand.Format.valueOf(format == null ? "sh" : format)) : null;
  }
}
