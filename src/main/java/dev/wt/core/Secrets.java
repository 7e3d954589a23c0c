package dev.wt.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking step: hides passwords in any text wt prints (URLs of every scheme, JDBC URLs,
 * query parameters, keyword/value DSNs, {@code PGPASSWORD=…}, JSON fields) as {@code ***}.
 *
 * <p>It errs towards hiding too much: a token that only looks like a credential is masked too.
 */
public final class Secrets {

  /** What a masked secret looks like. */
  public static final String MASK = "***";

  // a URL's scheme separator; what follows, up to whitespace, is the part that may hold userinfo
  private static final Pattern URL_START = Pattern.compile("://");
  // oracle's jdbc:oracle:thin:user/password@host
  private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@\\s]*/)[^@\\s]+@");
  private static final String KEY = "[A-Za-z0-9_.-]*(?i:password|passwd|passphrase|pwd|pass|secret|token)";
  // ?password=…, &sslpassword=…, ;password=… (JDBC): the value ends at the next parameter
  private static final Pattern PARAM = Pattern.compile("([?&;]" + KEY + "=)[^&#;\\s]*");
  // password=…, PGPASSWORD="…", password = '…' (libpq keyword/value, env, TOML): ends at whitespace
  private static final Pattern KEYWORD = Pattern.compile(
      "(?<![A-Za-z0-9_.?&;-])(" + KEY + "\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|\"(?:[^\"\\\\]|\\\\.)*\"?|\\S+)");
  // "password": "…" in JSON-ish text
  private static final Pattern JSON_FIELD = Pattern.compile(
      "(\"" + KEY + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private Secrets() {}

  /** {@code text} with every credential it holds replaced by {@link #MASK}; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = maskUserinfo(text);
    s = ORACLE.matcher(s).replaceAll("$1" + MASK + "@");
    s = PARAM.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    s = KEYWORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(2))));
    return JSON_FIELD.matcher(s).replaceAll("$1\"" + Matcher.quoteReplacement(MASK) + "\"");
  }

  /**
   * Where the userinfo of a URL ends: the index in {@code rest} (the text after {@code ://}) of the
   * {@code @} that separates it from the host, or -1 when there is none. The last {@code @} wins,
   * so an unencoded {@code @} in a password stays in the password ({@code u:Sup3r@S3cret@host});
   * an {@code @} in the query or fragment does not count when one comes before them.
   */
  public static int userinfoEnd(String rest) {
    int last = rest.lastIndexOf('@');
    if (last < 0) {
      return -1;
    }
    int query = indexOfAny(rest, "?#");
    if (query >= 0 && query < last) {
      int before = rest.lastIndexOf('@', query);
      if (before >= 0) {
        return before;
      }
    }
    return last;
  }

  private static String maskUserinfo(String text) {
    Matcher m = URL_START.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (m.find()) {
      int start = m.end();
      if (start < copied) {
        continue;
      }
      int end = start;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      String rest = text.substring(start, end);
      int at = userinfoEnd(rest);
      int colon = at < 0 ? -1 : rest.indexOf(':');
      if (colon < 0 || colon > at) {
        continue; // no userinfo, or a user without a password
      }
      out.append(text, copied, start + colon + 1).append(MASK);
      copied = start + at;
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /** Keeps the quotes around a masked value, so the text around it still reads the same. */
  private static String quoted(String value) {
    char first = value.charAt(0);
    return first == '\'' || first == '"' ? first + MASK + first : MASK;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
