package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The URL-shape masking table: every way a password travels in text comes out as {@code ***}. */
class SecretsTest {

  /** A shape, the text holding the secret, and exactly what wt may print instead. */
  record Shape(String name, String text, String printed) {}

  static List<Shape> shapes() {
    return List.of(
        new Shape("plain URL", "postgresql://app:S3cretPW@db:5432/shop", "postgresql://app:***@db:5432/shop"),
        new Shape("unencoded @ in the password (the last @ ends the userinfo)",
            "postgresql://u:Sup3r@S3cretPW@host/db", "postgresql://u:***@host/db"),
        new Shape("several @ and a colon in the password", "postgres://u:a@b:S3cretPW@@host:5433/db",
            "postgres://u:***@host:5433/db"),
        new Shape("percent-encoded password", "postgresql://app:p%40S3cretPW%3Ax@db/shop", "postgresql://app:***@db/shop"),
        new Shape("unencoded / and ? in the password", "postgresql://app:a/b?S3cretPW@db/shop",
            "postgresql://app:***@db/shop"),
        new Shape("empty user (redis style)", "redis://:S3cretPW@cache:6379/0", "redis://:***@cache:6379/0"),
        new Shape("mysql URL", "mysql://root:S3cretPW@localhost:3306/app", "mysql://root:***@localhost:3306/app"),
        new Shape("rediss URL in a sentence", "cannot reach rediss://default:S3cretPW@cache.io:6380 (timeout)",
            "cannot reach rediss://default:***@cache.io:6380 (timeout)"),
        new Shape("IPv6 host", "postgresql://app:S3cretPW@[::1]:5432/shop", "postgresql://app:***@[::1]:5432/shop"),
        new Shape("IPv6 host, no password", "postgresql://app@[fe80::1%25eth0]:5432/shop",
            "postgresql://app@[fe80::1%25eth0]:5432/shop"),
        new Shape("several hosts", "postgresql://app:S3cretPW@h1:5432,h2:5433/shop?target_session_attrs=any",
            "postgresql://app:***@h1:5432,h2:5433/shop?target_session_attrs=any"),
        new Shape("@ in the query does not move the userinfo", "postgresql://app:S3cretPW@db/shop?application_name=me@x",
            "postgresql://app:***@db/shop?application_name=me@x"),
        new Shape("?password= parameter", "postgresql://db/shop?sslmode=require&password=S3cretPW&connect_timeout=5",
            "postgresql://db/shop?sslmode=require&password=***&connect_timeout=5"),
        new Shape("?sslpassword= first", "postgresql://db/shop?sslpassword=S3cretPW", "postgresql://db/shop?sslpassword=***"),
        new Shape("JDBC URL with user and password parameters",
            "jdbc:postgresql://db:5432/shop?user=app&password=S3cretPW&ssl=true",
            "jdbc:postgresql://db:5432/shop?user=app&password=***&ssl=true"),
        new Shape("JDBC URL with userinfo", "jdbc:postgresql://app:S3cretPW@db/shop", "jdbc:postgresql://app:***@db/shop"),
        new Shape("JDBC URL, semicolon parameters", "jdbc:sqlserver://db:1433;user=sa;password=S3cretPW;encrypt=true",
            "jdbc:sqlserver://db:1433;user=sa;password=***;encrypt=true"),
        new Shape("JDBC mysql URL", "jdbc:mysql://root:S3cretPW@db:3306/app?useSSL=false",
            "jdbc:mysql://root:***@db:3306/app?useSSL=false"),
        new Shape("oracle thin", "jdbc:oracle:thin:scott/S3cretPW@db:1521:orcl", "jdbc:oracle:thin:scott/***@db:1521:orcl"),
        new Shape("keyword/value DSN", "host=db port=5432 user=app password=S3cretPW dbname=shop",
            "host=db port=5432 user=app password=*** dbname=shop"),
        new Shape("keyword/value DSN, quoted value with spaces and an escaped quote",
            "host=db password='S3cret PW \\' x' dbname=shop", "host=db password='***' dbname=shop"),
        new Shape("keyword/value DSN, spaces around =", "user=app password = S3cretPW dbname=shop",
            "user=app password = *** dbname=shop"),
        new Shape("PGPASSWORD in text", "ran with PGPASSWORD=S3cretPW pg_dump -h db", "ran with PGPASSWORD=*** pg_dump -h db"),
        new Shape("PGPASSWORD double-quoted", "export PGPASSWORD=\"S3cret PW\"", "export PGPASSWORD=\"***\""),
        new Shape("any *_PASSWORD variable", "POSTGRES_PASSWORD=S3cretPW", "POSTGRES_PASSWORD=***"),
        new Shape("a TOML line", "password = \"S3cretPW\"", "password = \"***\""),
        new Shape("JSON field", "{\"user\":\"app\",\"password\":\"S3cretPW\"}", "{\"user\":\"app\",\"password\":\"***\"}"),
        new Shape("two URLs on one line", "from postgresql://a:S3cretPW@h1/x to postgresql://b:S3cretPW@h2/y",
            "from postgresql://a:***@h1/x to postgresql://b:***@h2/y"),
        new Shape("a URL glued to the next one", "postgresql://a:S3cretPW@h1/x,redis://:S3cretPW@h2",
            "postgresql://a:***@h2"),
        new Shape("api_key=", "api_key=S3cretPW", "api_key=***"),
        new Shape("an API_KEY variable", "export STRIPE_API_KEY=S3cretPW", "export STRIPE_API_KEY=***"),
        new Shape("apikey: (YAML)", "apikey: S3cretPW", "apikey: ***"),
        new Shape("camelCase apiKey", "apiKey=S3cretPW", "apiKey=***"),
        new Shape("an x-api-key header", "x-api-key: S3cretPW", "x-api-key: ***"),
        new Shape("token=", "token=S3cretPW", "token=***"),
        new Shape("token: (YAML)", "  token: \"S3cretPW\"", "  token: \"***\""),
        new Shape("access_token in a query", "https://api.example.com/v1?access_token=S3cretPW&page=2",
            "https://api.example.com/v1?access_token=***&page=2"),
        new Shape("a signed URL's key", "https://maps.example.com/api?key=S3cretPW", "https://maps.example.com/api?key=***"),
        new Shape("Authorization: Bearer", "Authorization: Bearer S3cretPW", "Authorization: Bearer ***"),
        new Shape("Authorization: Basic in a curl line", "curl -H 'Authorization: Basic S3cretPW' https://x",
            "curl -H 'Authorization: Basic ***' https://x"),
        new Shape("a quoted header value", "{\"Authorization\": \"Bearer S3cretPW\"}", "{\"Authorization\": \"Bearer ***\"}"),
        new Shape("git's extra header", "http.extraHeader=AUTHORIZATION: token S3cretPW",
            "http.extraHeader=AUTHORIZATION: token ***"),
        new Shape("a bearer token alone", "sent bearer S3cretPWeyJhbGciOiJIUzI1NiJ9.x", "sent bearer ***"),
        new Shape("password: (YAML)", "password: S3cretPW", "password: ***"),
        new Shape("PGPASSWORD: (compose environment)", "      PGPASSWORD: S3cretPW", "      PGPASSWORD: ***"),
        new Shape("quoted key and value", "\"PGPASSWORD\"=\"S3cretPW\"", "\"PGPASSWORD\"=\"***\""),
        new Shape("a Python dict", "{'user': 'app', 'password': 'S3cretPW'}", "{'user': 'app', 'password': '***'}"),
        new Shape("a Ruby hash", "password => 'S3cretPW'", "password => '***'"),
        new Shape("JSON api_key field", "{\"api_key\": \"S3cretPW\"}", "{\"api_key\": \"***\"}"),
        new Shape("--password VALUE", "mysql --user app --password S3cretPW db", "mysql --user app --password *** db"),
        new Shape("--api-key=VALUE", "deploy --api-key=S3cretPW", "deploy --api-key=***"),
        new Shape("AWS secret key", "AWS_SECRET_ACCESS_KEY=S3cretPW", "AWS_SECRET_ACCESS_KEY=***"),
        new Shape("Rails secret_key_base", "secret_key_base: S3cretPW", "secret_key_base: ***"),
        new Shape("a token as the user of a git remote", "To https://ghp_S3cretPW@github.com/org/repo.git",
            "To https://***@github.com/org/repo.git"),
        new Shape("a token user and a port", "fatal: unable to access 'https://S3cretPW@git.example.com:8443/r.git/'",
            "fatal: unable to access 'https://***@git.example.com:8443/r.git/'"),
        new Shape("a URL percent-encoded in a parameter", "?next=postgresql%3A%2F%2Fapp%3AS3cretPW%40db%2Fshop",
            "?next=postgresql%3A%2F%2Fapp%3A***%40db%2Fshop"),
        new Shape("a URL percent-encoded twice (a redirect's redirect)",
            "?next=postgresql%253A%252F%252Fapp%253AS3cretPW%2540db%252Fshop",
            "?next=postgresql%253A%252F%252Fapp%253A***%2540db%252Fshop"),
        new Shape("a password percent-encoded twice", "postgresql://u:p%2540S3cretPW%252F@h/db", "postgresql://u:***@h/db"),
        new Shape("PASSWORD:value, no space", "PASSWORD:S3cretPW", "PASSWORD:***"),
        new Shape("password:value in a longer line", "login as admin password:S3cretPW on db",
            "login as admin password:*** on db"),
        new Shape("a dotted key:value", "spring.datasource.password:S3cretPW", "spring.datasource.password:***"),
        new Shape("mysql -pVALUE", "mysql -uroot -pS3cretPW shop", "mysql -uroot -p*** shop"),
        new Shape("mysql -p VALUE", "mysql -u root -p S3cretPW", "mysql -u root -p ***"),
        new Shape("mariadb -p'VALUE'", "docker exec db mariadb -p'S3cret PW' -e 'select 1'", "docker exec db mariadb -p'***' -e 'select 1'"),
        new Shape("mysqldump in a pipeline, psql after it", "mysqldump -pS3cretPW app | gzip; psql -p 5433 app",
            "mysqldump -p*** app | gzip; psql -p 5433 app"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void every_url_shape_is_masked(Shape shape) {
    String printed = Secrets.mask(shape.text());
    assertEquals(shape.printed(), printed, shape.name());
    assertFalse(printed.contains("S3cret"), printed);
    assertEquals(printed, Secrets.mask(printed), "masking twice changes nothing");
  }

  @Test
  void text_without_credentials_is_left_as_it_is() {
    for (String text : List.of("postgresql://postgres@127.0.0.1:5432/shop", "http://localhost:3000/",
        "postgresql://[::1]:5432/db", "https://registry.npmjs.org/@scope/pkg", "FATAL:  password authentication "
            + "failed for user \"app\"", "put the password in the URL ([postgres] url), PGPASSWORD or ~/.pgpass",
        "git@github.com:org/repo.git", "", "http://localhost:5173/@vite/client", "GET http://localhost:3000/@fs/src/app.ts",
        "ssh://git@github.com/org/repo.git", "https://github.com/org/repo/tree/main", "max_tokens=100 token_count=5",
        "sort_key=id primary_key=id keyboard=us monkey=1", "bearer tokens are refused", "the token was rejected",
        "PGPASSFILE=/home/me/.pgpass", "docker login --password-stdin", "psql --no-password -h db",
        "known keys here: engine, env, password_env, path", "Digest: sha256:0123abcd", "tokens: 3 used",
        "psql -p 5433 -h db shop", "pg_dump -p 5432 -d shop", "ssh -p 2222 host", "mysql -p -u root", "http://host:8080/x",
        "image: bitnami/sealed-secrets:v1", "mysql --port 3306 -P 3307 shop")) {
      assertEquals(text, Secrets.mask(text));
    }
    assertNull(Secrets.mask(null));
  }

  @Test
  void the_names_whose_values_are_secrets_are_known_by_name() {
    for (String name : List.of("PGPASSWORD", "DB_PASS", "api_key", "apiKey", "GITHUB_TOKEN", "client_secret",
        "AWS_SECRET_ACCESS_KEY", "x-api-key", "credentials")) {
      assertTrue(Secrets.secretName(name), name);
    }
    for (String name : List.of("DATABASE_URL", "WT_PORT", "max_tokens", "sort_key", "PGPASSFILE", "key", "")) {
      assertFalse(Secrets.secretName(name), name);
    }
  }

  @Test
  void the_server_is_parsed_with_the_same_rule_so_wt_connects_where_the_user_meant() {
    PgServer s = PgServer.parse("postgresql://u:Sup3r@S3cretPW@127.0.0.1:6543/admin");
    assertEquals("u", s.user());
    assertEquals("Sup3r@S3cretPW", s.password());
    assertEquals("127.0.0.1", s.host());
    assertEquals(6543, s.port());
    assertEquals("admin", s.adminDatabase());
    PgServer v6 = PgServer.parse("postgresql://app:pw@[::1]:5433/postgres?sslmode=disable");
    assertEquals("[::1]", v6.host());
    assertEquals(5433, v6.port());
  }

  @Test
  void a_long_quoted_or_escaped_value_is_masked_without_overflowing_the_stack() {
    String quoted = "password='" + "A".repeat(100_000);
    assertEquals("password='***'", Secrets.mask(quoted));
    String json = "{\"secret\": \"" + "B".repeat(100_000) + "\"}";
    assertEquals("{\"secret\": \"***\"}", Secrets.mask(json));
    // thousands of escapes, one step each: masked whole when it cannot be checked, never shown
    String escapes = "token=\"" + "\\x".repeat(200_000) + "\"";
    String out = Secrets.mask(escapes);
    assertFalse(out.contains("\\x"), out.substring(0, Math.min(200, out.length())));
    assertEquals("password:***", Secrets.mask("password:" + "C".repeat(100_000)));
    String client = Secrets.mask("mysql -p'" + "\\x".repeat(200_000) + "'");
    assertFalse(client.contains("\\x"), client.substring(0, Math.min(200, client.length())));
    String many = Secrets.mask("mysql" + " -pS3cretPW".repeat(50_000));
    assertFalse(many.contains("S3cret"), many.substring(0, 200));
    String encoded = "%3A%2F%2F" + "%3A".repeat(50_000);
    assertEquals(encoded, Secrets.mask(encoded));
  }

  @Test
  void a_url_with_json_escaped_slashes_keeps_its_password_hidden() {
    assertEquals("{\"db\":\"postgresql:\\/\\/postgres:***@127.0.0.1:5432\\/app\"}",
        Secrets.mask("{\"db\":\"postgresql:\\/\\/postgres:K3yP%40ss@127.0.0.1:5432\\/app\"}"));
  }
}
