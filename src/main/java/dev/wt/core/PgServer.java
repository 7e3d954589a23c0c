package dev.wt.core;

import java.net.URLDecoder;
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
 */
public record PgServer(String host, int port, String user, String password, String adminDatabase) {

  private static final Pattern URL = Pattern.compile(
      "postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]*|\\[[^\\]]*\\])(?::(\\d+))?(?:/([^?]*))?(?:\\?.*)?");
  private static final Pattern SECRET = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]*@");
  private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:password|pass|pwd)=)[^&\\s]*");

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

  /** Parses {@code postgres[ql]://user:password@host:port/db}; the path names the admin database. */
  public static PgServer parse(String url) {
    Matcher m = URL.matcher(url == null ? "" : url.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://user:password@host:port/db): " + mask(url));
    }
    String host = m.group(3).isEmpty() ? "127.0.0.1" : m.group(3);
    int port = m.group(4) == null ? 5432 : Integer.parseInt(m.group(4));
    return new PgServer(host, port, decode(m.group(1)), decode(m.group(2)), decode(m.group(5)));
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
    return new PgServer(host, port, user, password, database);
  }

  /** Masks passwords in any text that may hold URLs ({@code user:secret@} and {@code password=}). */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    return SECRET_PARAM.matcher(SECRET.matcher(text).replaceAll("$1***@")).replaceAll("$1***");
  }

  private static String decode(String s) {
    return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
