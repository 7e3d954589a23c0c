package dev.wt.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern USER_PASSWORD = Pattern.compile("^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@");

  public PgSource {
    if (conninfo == null || conninfo.isBlank() || database == null || database.isBlank()) {
      throw new IllegalArgumentException("a pull source needs a URL and a database");
    }
    password = password == null || password.isEmpty() ? null : password;
  }

  /** Parses {@code postgres[ql]://user:password@host:port/db?param=value...}. */
  public static PgSource parse(String url) {
    String u = url == null ? "" : url.strip();
    PgServer server = PgServer.parse(u);
    String password = server.password();
    Matcher m = USER_PASSWORD.matcher(u);
    String rest = m.find() ? m.group(1) + "@" + u.substring(m.end()) : u;
    int q = rest.indexOf('?');
    if (q < 0) {
      return new PgSource(rest, password, server.host(), server.port(), server.adminDatabase());
    }
    List<String> kept = new ArrayList<>();
    for (String param : rest.substring(q + 1).split("&")) {
      if (param.startsWith("password=")) {
        // libpq reads a password from the query too; it must leave the command line the same way
        password = password != null ? password
            : URLDecoder.decode(param.substring("password=".length()), StandardCharsets.UTF_8);
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
