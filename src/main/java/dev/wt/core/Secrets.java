package dev.wt.core;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking step: hides passwords, tokens and keys in any text wt prints (URLs of every
 * scheme, JDBC URLs, query parameters, keyword/value DSNs, {@code PGPASSWORD=…}, {@code api_key: …},
 * Authorization headers, JSON fields) as {@code ***}.
 *
 * <p>It errs towards hiding too much: a token that only looks like a credential is masked too.
 */
public final class Secrets {

  /** What a masked secret looks like. */
  public static final String MASK = "***";

  // a URL's scheme separator; what follows, up to whitespace, is the part that may hold userinfo
  // (and its JSON-escaped form, :\/\/, as PHP's json_encode writes URLs)
  private static final Pattern URL_START = Pattern.compile("://|:\\\\/\\\\/");
  // the schemes whose user name alone is a credential more often than not (a token as the user of a git remote)
  private static final Pattern TOKEN_USER_SCHEME = Pattern.compile("(?i)(?:[a-z0-9.-]+\\+)?(?:https?|wss?)");
  // a host with an optional port, nothing else: what comes before a path in a URL without userinfo
  private static final Pattern HOST_PORT = Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Za-z:.%]+\\])(?::\\d*)?");
  // oracle's jdbc:oracle:thin:user/password@host
  private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@\\s]*/)[^@\\s]+@");
  // a name whose value is a secret: it ends in one of these words (DB_PASS, GITHUB_TOKEN, apiKey, x-api-key)
  private static final String KEY = "[A-Za-z0-9_.-]*(?i:password|passwd|passphrase|pwd|pass|secret|token"
      + "|(?:api|access|private|secret|signing|encryption|master|auth)[_-]?key|secret[_-]?key[_-]?base|credentials?)";
  private static final Pattern NAME = Pattern.compile(KEY);
  // ?password=…, &api_key=…, ;password=… (JDBC), ?key=… and ?signature=… (signed URLs): ends at the next parameter
  private static final Pattern PARAM = Pattern.compile("([?&;](?:" + KEY + "|(?i:key|sig|signature))=)[^&#;\\s]*");
  // possessive: a long quoted value is one run, not a step of the regex engine's stack per character
  private static final String VALUE = "'(?:[^'\\\\]++|\\\\.)*+'?|\"(?:[^\"\\\\]++|\\\\.)*+\"?|\\S+";
  // password=…, PGPASSWORD="…", password = '…', api_key => '…' (libpq, env, TOML, Ruby), and
  // token: … (YAML, headers; a colon only before a space or a quote, so a URL's user:password is left to the URL rule)
  private static final Pattern KEYWORD = Pattern.compile(
      "(?<![A-Za-z0-9_.?&;-])(" + KEY + "(?:\\s*=>?\\s*|:\\s+|:(?=['\"])))(" + VALUE + ")");
  // password:S3cret with nothing between (logs, Spring's key:value); not when the key is a URL's scheme
  // or user (vault-secret://…, https://token:x@host), whose password the URL rule has masked already
  private static final Pattern GLUED = Pattern.compile(
      "(?<![A-Za-z0-9_.?&;/\\\\-])(" + KEY + ":)(?=[^\\s'\"])(?!//|\\\\/)(" + VALUE + ")");
  // "password": "…", 'api_key': '…', "PGPASSWORD"="…" (JSON, Python, quoted keys)
  private static final Pattern QUOTED_KEY = Pattern.compile(
      "(([\"'])" + KEY + "\\2\\s*(?:=>?|:)\\s*)(" + VALUE + ")");
  // --password VALUE, --api-key VALUE (command lines); --no-password and a next option take none
  private static final Pattern FLAG = Pattern.compile("(?<![A-Za-z0-9_-])(--(?!no-)" + KEY + "\\s+)(?!-)(" + VALUE + ")");
  // Authorization: Bearer …, Proxy-Authorization: Basic …: the scheme stays, the credential goes
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "(?i)(\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?(?:(?:bearer|basic|token|digest|negotiate|bot|apikey)\\s+)?)[^\\s'\"]+");
  // a bearer token anywhere else: long, so that "bearer tokens" in a sentence stays
  private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/-]{20,}=*");
  // a URL percent-encoded into another (postgres%3A%2F%2Fuser%3Apassword%40host), or encoded twice
  // and more (%253A%252F%252F…%2540, a redirect's redirect): its password
  private static final Pattern ENCODED_USERINFO = Pattern.compile(
      "(?i)(%(?:25)*+3A%(?:25)*+2F%(?:25)*+2F[^\\s&#%]*+%(?:25)*+3A)[^\\s&#]*(%(?:25)*+40)");
  // the MySQL and MariaDB clients, whose -p takes the password glued on (mysql -uroot -pS3cret); psql's
  // -p is a port, and other commands' -p anything at all
  private static final Pattern MYSQL_CLIENT = Pattern.compile("(?<![A-Za-z0-9_.-])(?:mysql(?:dump|admin|import|check|show"
      + "|pump|slap)?|mariadb(?:-(?:dump|admin|import|check|show|slap))?)(?=\\s)");
  // -pS3cret, and -p S3cret: alone, -p makes the client prompt and the next word is the database,
  // but masking errs towards hiding; a next option (-p -u root) is no value
  private static final Pattern SHORT_PASSWORD = Pattern.compile("(?<=\\s)(-p)(?:(?=\\S)|(\\s++)(?!-))(" + VALUE + ")");

  private Secrets() {}

  /** {@code text} with every credential it holds replaced by {@link #MASK}; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    try {
      return masked(text);
    } catch (StackOverflowError e) {
      // thousands of escapes in one quoted value: what cannot be checked is not shown
      return MASK + " (" + text.length() + " characters not shown: too long to check for secrets)";
    }
  }

  private static String masked(String text) {
    String s = maskUserinfo(text);
    s = ORACLE.matcher(s).replaceAll("$1" + MASK + "@");
    s = ENCODED_USERINFO.matcher(s).replaceAll("$1" + MASK + "$2");
    s = PARAM.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    s = AUTHORIZATION.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    s = BEARER.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    s = QUOTED_KEY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(3))));
    s = FLAG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(2))));
    s = maskMysqlPasswords(s);
    s = GLUED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(2))));
    return KEYWORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quoted(m.group(2))));
  }

  /**
   * Whether a variable or field of this name holds a secret ({@code PGPASSWORD}, {@code api_key},
   * {@code GITHUB_TOKEN}): the names {@link #mask} hides the value of.
   */
  public static boolean secretName(String name) {
    return name != null && NAME.matcher(name).matches();
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
      if (at < 0 || pathAt(rest, at)) {
        continue; // no userinfo
      }
      int colon = rest.indexOf(':');
      if (colon < 0 || colon > at) {
        int user = tokenUserEnd(text, m.start(), rest);
        if (user > 0) {
          out.append(text, copied, start).append(MASK); // https://<token>@github.com/…
          copied = start + user;
        }
        continue; // else a user without a password
      }
      out.append(text, copied, start + colon + 1).append(MASK);
      copied = start + at;
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /** The {@code -p} passwords of each MySQL or MariaDB client command, up to where that command ends. */
  private static String maskMysqlPasswords(String text) {
    Matcher client = MYSQL_CLIENT.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (client.find(copied)) {
      int end = client.end();
      while (end < text.length() && ";|&\n".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      out.append(text, copied, client.end()).append(SHORT_PASSWORD.matcher(text.substring(client.end(), end))
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Objects.toString(m.group(2), "") + quoted(m.group(3)))));
      copied = end;
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Whether the {@code @} at {@code at} starts a path segment of a URL with no userinfo
   * ({@code localhost:5173/@vite/client}): a plain host and port come before the path.
   */
  private static boolean pathAt(String rest, int at) {
    int slash = rest.indexOf('/');
    return slash >= 0 && slash < at && rest.charAt(at - 1) == '/' && HOST_PORT.matcher(rest.substring(0, slash)).matches();
  }

  /**
   * Where the user name of an http(s) URL ends in {@code rest} (the text after its {@code ://}, at
   * {@code separator} in {@code text}), when it has no password: such a user is a token more often
   * than not (a git remote's {@code https://ghp_…@github.com}, a DSN's key). -1 otherwise.
   */
  private static int tokenUserEnd(String text, int separator, String rest) {
    int from = separator;
    while (from > 0 && (Character.isLetterOrDigit(text.charAt(from - 1)) || "+.-".indexOf(text.charAt(from - 1)) >= 0)) {
      from--;
    }
    if (!TOKEN_USER_SCHEME.matcher(text.substring(from, separator)).matches()) {
      return -1;
    }
    int path = indexOfAny(rest, "/?#");
    String authority = path < 0 ? rest : rest.substring(0, path);
    int at = authority.lastIndexOf('@');
    return at > 0 && !authority.substring(0, at).equals(MASK) ? at : -1;
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
