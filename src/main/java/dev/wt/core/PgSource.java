package dev.wt.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A pull source: a libpq URL kept whole (its {@code ?sslmode=}, {@code options=},
 * {@code channel_binding=} parameters included) except for the password, which travels apart so
 * that no command line shows it.
 *
 * @param conninfo the URL without any password, as libpq's {@code --dbname=} takes it
 * @param password from the URL's user part or its {@code password=} parameter; null when it has none
 * @param database the database the URL names ({@code postgres} when it names none)
 */
public record PgSource(String conninfo, String password, String host, int port, String database) {

  public PgSource {
    if (conninfo == null || conninfo.isBlank() || database == null || database.isBlank()) {
      throw new IllegalArgumentException("a pull source needs a URL and a database");
    }
    password = password == null || password.isEmpty() ? null : password;
  }

  /**
   * {@code url} without the password of its userinfo, which ends at the last {@code @} before the
   * host (as wt reads it everywhere: a password may hold an unencoded {@code @}).
   */
  private static String withoutPassword(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    String after = url.substring(scheme + 3);
    int at = Secrets.userinfoEnd(after);
    int colon = at < 0 ? -1 : after.indexOf(':');
    return colon < 0 || colon > at ? url : url.substring(0, scheme + 3) + after.substring(0, colon) + after.substring(at);
  }

  /** Parses {@code postgres[ql]://user:password@host:port/db?param=value...}. */
  public static PgSource parse(String url) {
    String u = url == null ? "" : url.strip();
    PgServer server = PgServer.parse(u);
    String password = server.password();
    String rest = withoutPassword(u);
    int q = rest.indexOf('?');
    if (q < 0) {
      return new PgSource(rest, password, server.host(), server.port(), server.adminDatabase());
    }
    List<String> kept = new ArrayList<>();
    for (String param : rest.substring(q + 1).split("&")) {
      String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
      if (name.equals("password")) {
        // libpq reads a password from the query too; it must leave the command line the same way
        password = password != null ? password : UrlText.decode(param.substring("password=".length()), "password");
      } else if (name.toLowerCase(java.util.Locale.ROOT).endsWith("password")) {
        // sslpassword: libpq takes it only in the connection string, which pg_dump's command line shows
        throw new IllegalArgumentException("the URL's " + name + " would show on pg_dump's command line (ps); "
            + "use a key without a passphrase, or a PGSERVICEFILE entry that holds it");
      } else if (!param.isEmpty()) {
        kept.add(param);
      }
    }
    String conninfo = rest.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new PgSource(conninfo, password, server.host(), server.port(), server.adminDatabase());
  }

  /** Where it is, for messages: {@code host:port/database}. */
  public String where() {
    return host + ":" + port + "/" + database;
  }
}
