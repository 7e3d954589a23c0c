package dev.wt.cli;

import dev.wt.core.Secrets;
import dev.wt.core.TerminalText;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * stdout and stderr as wt prints them: every line has its secrets masked and its control
 * characters escaped before it reaches the terminal. The only escape sequences let through are
 * Ui's own colours, and only when colour is on. {@link #raw} is for output that must stay
 * byte-exact (wt env, JSON, which escapes on its own).
 */
final class SafeOutput extends PrintWriter {

  private final PrintWriter raw;

  private SafeOutput(PrintWriter raw, boolean colour) {
    super(new Lines(raw, colour), true);
    this.raw = raw;
  }

  /** {@code raw} behind the masking and escaping step (once: wrapping twice returns it as is). */
  static PrintWriter wrap(PrintWriter raw, boolean colour) {
    return raw instanceof SafeOutput ? raw : new SafeOutput(raw, colour);
  }

  /** The writer beneath {@code w}, after what went through {@code w} so far has been written. */
  static PrintWriter raw(PrintWriter w) {
    if (w instanceof SafeOutput s) {
      s.flush();
      return s.raw;
    }
    return w;
  }

  /** One line made safe: masked, then escaped, keeping Ui's colour codes when {@code colour}. */
  static String clean(String line, boolean colour) {
    if (!colour) {
      return TerminalText.escape(Secrets.mask(line));
    }
    Matcher m = Ui.OWN_SEQUENCE.matcher(line);
    StringBuilder out = new StringBuilder(line.length());
    int from = 0;
    while (m.find()) {
      out.append(TerminalText.escape(Secrets.mask(line.substring(from, m.start())))).append(m.group());
      from = m.end();
    }
    return out.append(TerminalText.escape(Secrets.mask(line.substring(from)))).toString();
  }

  /** Collects characters into lines; a line (or what there is of it at a flush) goes out cleaned. */
  private static final class Lines extends Writer {

    private final PrintWriter out;
    private final boolean colour;
    private final StringBuilder line = new StringBuilder();

    Lines(PrintWriter out, boolean colour) {
      this.out = out;
      this.colour = colour;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (chars[i] == '\n') {
          out.write(clean(line.toString(), colour));
          out.write('\n');
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    @Override
    public void flush() {
      // a prompt has no newline yet: it goes out at the flush, cleaned like a line
      if (line.length() > 0) {
        out.write(clean(line.toString(), colour));
        line.setLength(0);
      }
      out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
