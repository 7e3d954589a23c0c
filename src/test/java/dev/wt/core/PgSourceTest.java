package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pull sources keep every libpq parameter, and their password never reaches the command line. */
class PgSourceTest {

  @Test
  void a_neon_url_keeps_its_parameters_and_gives_up_its_password() {
    PgSource s = PgSource.parse("postgresql://app:p%40ss@ep-x.eu.aws.neon.tech/shop"
        + "?sslmode=require&channel_binding=require&options=endpoint%3Dep-x");
    assertEquals("postgresql://app@ep-x.eu.aws.neon.tech/shop?sslmode=require&channel_binding=require"
        + "&options=endpoint%3Dep-x", s.conninfo());
    assertEquals("p@ss", s.password());
    assertEquals("ep-x.eu.aws.neon.tech:5432/shop", s.where());
  }

  @Test
  void a_password_given_as_a_parameter_leaves_the_connection_string_too() {
    PgSource s = PgSource.parse("postgres://app@db:6543/prod?password=s%26cret&sslmode=verify-full");
    assertEquals("postgres://app@db:6543/prod?sslmode=verify-full", s.conninfo());
    assertEquals("s&cret", s.password());
  }

  @Test
  void an_ssl_key_passphrase_in_the_url_is_refused_not_put_on_a_command_line() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PgSource.parse("postgresql://app@db/prod?sslmode=verify-full&sslpassword=PsPw2secret"));
    assertTrue(e.getMessage().contains("sslpassword") && !e.getMessage().contains("PsPw2"), e.getMessage());
  }

  @Test
  void a_password_with_a_bad_percent_escape_is_refused_without_showing_any_of_it() {
    for (String url : new String[] {"postgresql://app:hunter%2x9@db/prod", "postgresql://app@db/prod?password=hunter%2x9"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PgSource.parse(url));
      assertTrue(e.getMessage().contains("%25") && !e.getMessage().contains("2x"), e.getMessage());
    }
  }

  @Test
  void a_url_without_a_password_or_database_is_kept_as_it_is() {
    PgSource s = PgSource.parse("postgresql://postgres@127.0.0.1:5432");
    assertEquals("postgresql://postgres@127.0.0.1:5432", s.conninfo());
    assertNull(s.password());
    assertEquals("postgres", s.database());
  }

  @Test
  void another_database_engine_is_not_a_pull_source() {
    assertThrows(IllegalArgumentException.class, () -> PgSource.parse("mysql://root@127.0.0.1/shop"));
  }

  @Test
  void a_password_with_an_unencoded_at_never_reaches_the_connection_string() {
    PgSource s = PgSource.parse("postgresql://u:Sup3r@S3cret@127.0.0.1:5999/x?sslmode=require");
    assertEquals("postgresql://u@127.0.0.1:5999/x?sslmode=require", s.conninfo());
    assertEquals("Sup3r@S3cret", s.password());
  }
}
