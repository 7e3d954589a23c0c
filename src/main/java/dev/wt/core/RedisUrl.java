package dev.wt.core;

/**
 * A {@code redis://} or {@code rediss://} URL taken apart: where to connect, how to log in, and
 * the same server's URL for database {@code n}.
 *
 * @param base scheme, userinfo, host and port, without a database or query
 * @param query what followed {@code ?}, kept on every database's URL; empty when none
 * @param user the ACL user, null when none
 * @param password null when none
 */
public record RedisUrl(String base, boolean tls, String host, int port, String user, String password, String query) {

  public static final int DEFAULT_PORT = 6379;

  /** Parses {@code url}; refuses anything but {@code redis://} and {@code rediss://} URLs. */
  public static RedisUrl parse(String url) {
    boolean tls = url.startsWith("rediss://");
    if (!tls && !url.startsWith("redis://")) {
      throw new IllegalArgumentException("redis.url must start with redis:// or rediss://, not " + Secrets.mask(url));
    }
    String rest = url.substring(tls ? "rediss://".length() : "redis://".length());
    String query = "";
    int q = rest.indexOf('?');
    int at = Secrets.userinfoEnd(rest);
    if (q >= 0 && q > at) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String user = null;
    String password = null;
    String userinfo = at < 0 ? null : rest.substring(0, at);
    String hostPart = at < 0 ? rest : rest.substring(at + 1);
    if (userinfo != null) {
      int colon = userinfo.indexOf(':');
      user = colon < 0 ? userinfo : userinfo.substring(0, colon);
      password = colon < 0 ? null : decode(userinfo.substring(colon + 1));
      user = user.isEmpty() ? null : decode(user);
    }
    int slash = hostPart.indexOf('/');
    String path = slash < 0 ? "" : hostPart.substring(slash + 1);
    hostPart = slash < 0 ? hostPart : hostPart.substring(0, slash);
    if (!path.isEmpty() && !path.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("redis.url's path must be a database number, not /" + path);
    }
    String host = hostPart;
    int port = DEFAULT_PORT;
    int colon = hostPart.lastIndexOf(':');
    if (colon >= 0 && colon > hostPart.lastIndexOf(']')) {
      host = hostPart.substring(0, colon);
      try {
        port = Integer.parseInt(hostPart.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("redis.url has no valid port: " + Secrets.mask(url));
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("redis.url needs a host and a port in 1..65535: " + Secrets.mask(url));
    }
    String base = (tls ? "rediss://" : "redis://") + (userinfo == null ? "" : userinfo + "@") + hostPart;
    return new RedisUrl(base, tls, host, port, user, password, query);
  }

  /** This server's URL for database {@code db}. */
  public String forDatabase(int db) {
    return base + "/" + db + (query.isEmpty() ? "" : "?" + query);
  }

  /** {@code host:port}, what tells two servers apart. */
  public String server() {
    return host + ":" + port;
  }

  private static String decode(String s) {
    return UrlText.decode(s, "URL's password or user name");
  }
}
