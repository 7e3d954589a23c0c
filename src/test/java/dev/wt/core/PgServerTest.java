package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Server URLs: parsing, the URLs written to env files, and masking (passwords never printed). */
class PgServerTest {

  @Test
  void only_a_literal_loopback_address_is_this_machine() {
    for (String h : new String[] {"localhost", "127.0.0.1", "127.1.2.3", "[::1]"}) {
      assertTrue(new PgServer(h, 5432, "u", null, "postgres").loopback(), h);
    }
    for (String h : new String[] {"127.attacker.example", "127.0.0.1.nip.io", "1127.0.0.1", "127.0.0.256", "db"}) {
      assertFalse(new PgServer(h, 5432, "u", null, "postgres").loopback(), h);
    }
  }

  @Test
  void a_url_with_an_encoded_password_round_trips_into_worktree_urls() {
    PgServer s = PgServer.parse("postgres://app:p%40ss%3Aw0rd@db.internal:6543/admin?sslmode=require");
    assertEquals("app", s.user());
    assertEquals("p@ss:w0rd", s.password());
    assertEquals("db.internal", s.host());
    assertEquals(6543, s.port());
    assertEquals("admin", s.adminDatabase());
    assertEquals("postgresql://app:p%40ss%3Aw0rd@db.internal:6543/shop_x_abc123", s.url("shop_x_abc123"));
  }

  @Test
  void defaults_fill_what_the_url_leaves_out() {
    PgServer s = PgServer.parse("postgresql://127.0.0.1");
    assertEquals("postgres", s.user());
    assertNull(s.password());
    assertEquals(5432, s.port());
    assertEquals("postgres", s.adminDatabase());
    assertEquals("postgresql://postgres@127.0.0.1:5432/x", s.url("x"));
  }

  @Test
  void masking_hides_every_password_and_nothing_else() {
    assertEquals("postgresql://app:***@db:5432/shop", PgServer.mask("postgresql://app:secret@db:5432/shop"));
    assertEquals("postgresql://app@db:5432/shop", PgServer.mask("postgresql://app@db:5432/shop"));
    String text = PgServer.mask("pg_dump: connecting to postgres://u:hunter2@h/db?password=hunter2&x=1");
    assertFalse(text.contains("hunter2"), text);
    assertTrue(text.contains("x=1"), text);
    assertEquals("postgresql://app:***@db:5432/shop", PgServer.parse("postgresql://app:secret@db:5432/admin").maskedUrl("shop"));
  }

  @Test
  void something_that_is_not_a_postgres_url_is_refused_without_echoing_its_password() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PgServer.parse("mysql://root:topsecret@localhost/db"));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void prefixes_made_from_project_names_are_valid_and_short() {
    assertEquals("my_shop", DatabaseNames.prefixFor("My-Shop"));
    assertEquals("wt_2048", DatabaseNames.prefixFor("2048"));
    assertEquals("wt", DatabaseNames.prefixFor("---"));
    String longName = DatabaseNames.prefixFor("a-very-long-project-name-indeed-yes");
    assertTrue(longName.length() <= 20 && DatabaseNames.validPrefix(longName), longName);
  }
}
