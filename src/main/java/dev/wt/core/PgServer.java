package dev.wt.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL server answers and as whom wt connects to it.
 *
 * @param password null when it comes from PGPASSWORD or ~/.pgpass (or trust auth)
 * @param adminDatabase the database wt connects to for CREATE/DROP (usually {@code postgres})
 * @param userCredentials whether a missing password may come from the user's PGPASSWORD or
 *     ~/.pgpass: false for a server a repository's configuration chose, which would receive them
 */
public record PgServer(String host, int port, String user, String password, String adminDatabase,
    boolean userCredentials) {

  private static final Pattern SCHEME = Pattern.compile("(?i)postgres(?:ql)?://");
  // what follows the userinfo: host (or [IPv6]), port, the admin database, parameters
  private static final Pattern HOST = Pattern.compile(
      "([^:/?#\\[\\]@]*|\\[[0-9A-Fa-f:.%]*\\])(?::(\\d+))?(?:/([^?#]*))?(?:[?#].*)?");

  public PgServer {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    user = user == null || user.isBlank() ? "postgres" : user;
    password = password == null || password.isEmpty() ? null : password;
    adminDatabase = adminDatabase == null || adminDatabase.isBlank() ? "postgres" : adminDatabase;
  }

  /** A server the user's own credentials may go to. */
  public PgServer(String host, int port, String user, String password, String adminDatabase) {
    this(host, port, user, password, adminDatabase, true);
  }

  /** This server, given none of the user's PGPASSWORD or ~/.pgpass. */
  public PgServer withoutUserCredentials() {
    return new PgServer(host, port, user, password, adminDatabase, false);
  }

  /** Whether the host is this machine's loopback ({@code localhost}, {@code 127.x}, {@code ::1}). */
  public boolean loopback() {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    // a literal 127.0.0.0/8 address only: 127.attacker.example is a name anyone can register
    return h.equalsIgnoreCase("localhost") || h.equals("::1")
        || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  }

  /**
   * Parses {@code postgres[ql]://user:password@host:port/db}; the path names the admin database.
   * The last {@code @} ends the userinfo (see {@link Secrets#userinfoEnd}), so a password may hold
   * an unencoded {@code @}. The error never quotes the value: it may be a whole secrets file.
   */
  public static PgServer parse(String url) {
    String u = url == null ? "" : url.strip();
    Matcher scheme = SCHEME.matcher(u);
    Matcher m = null;
    String userinfo = null;
    if (scheme.lookingAt() && u.chars().noneMatch(Character::isWhitespace)) {
      String rest = u.substring(scheme.end());
      int at = Secrets.userinfoEnd(rest);
      userinfo = at < 0 ? null : rest.substring(0, at);
      m = HOST.matcher(at < 0 ? rest : rest.substring(at + 1));
    }
    if (m == null || !m.matches()) {
      // the example has no password: the masking step would show it as *** anyway
      throw new IllegalArgumentException("not a PostgreSQL URL like postgresql://user@host:port/db "
          + "(its text is not shown: it may hold a secret)");
    }
    String user = userinfo;
    String password = null;
    if (userinfo != null && userinfo.indexOf(':') >= 0) {
      user = userinfo.substring(0, userinfo.indexOf(':'));
      password = userinfo.substring(userinfo.indexOf(':') + 1);
    }
    String host = m.group(1).isEmpty() ? "127.0.0.1" : m.group(1);
    int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    return new PgServer(host, port, UrlText.decode(user, "user name"), UrlText.decode(password, "password"),
        UrlText.decode(m.group(3), "database name"));
  }

  /** The URL of {@code database} on this server, password included (for env files only). */
  public String url(String database) {
    StringBuilder b = new StringBuilder("postgresql://").append(encode(user));
    if (password != null) {
      b.append(':').append(encode(password));
    }
    return b.append('@').append(host).append(':').append(port).append('/').append(encode(database)).toString();
  }

  /** The URL with any password replaced by {@code ***}: the only form wt prints. */
  public String maskedUrl(String database) {
    return mask(url(database));
  }

  /** The JDBC URL of {@code database} (credentials go as properties, never in the URL). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database);
  }

  public PgServer withAdminDatabase(String database) {
    return new PgServer(host, port, user, password, database, userCredentials);
  }

  /** Masks passwords in any text; {@link Secrets#mask} is the one implementation. */
  public static String mask(String text) {
    return Secrets.mask(text);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
