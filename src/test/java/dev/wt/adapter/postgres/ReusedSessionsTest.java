package dev.wt.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.PgServer;
import dev.wt.port.Postgres;
import dev.wt.testing.Pg;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A command's sessions on the admin database are reused; others, and ones the server ended, are not. */
class ReusedSessionsTest {

  private static final String DB = "wt_reused_sessions_test";
  private final Pg pg = Pg.local();
  private final PgServer server = new PgServer("127.0.0.1", 5432, "postgres", null, "postgres");

  @BeforeEach
  void server() {
    Assumptions.assumeTrue(pg.answers(), "no PostgreSQL on 127.0.0.1:5432");
    pg.dropAll(DB);
  }

  @AfterEach
  void clean() {
    pg.dropAll(DB);
  }

  /** The backends this JVM has open on the server (all of its sessions share one application name). */
  private List<String> ours() {
    return pg.column("postgres", "SELECT pid::text FROM pg_stat_activity WHERE application_name = '"
        + JdbcPostgres.APPLICATION + "' ORDER BY pid");
  }

  @Test
  void warmed_and_closed_sessions_serve_the_next_opens_without_new_connections() throws Exception {
    ReusedSessions postgres = new ReusedSessions(new JdbcPostgres());
    List<String> before = ours();
    postgres.warm(server, 2);
    try (Postgres.Session a = postgres.open(server, "postgres"); Postgres.Session b = postgres.open(server, "postgres")) {
      assertTrue(a.serverVersion() > 0 && b.serverVersion() > 0);
    }
    for (int i = 0; i < 5; i++) {
      try (Postgres.Session s = postgres.open(server, "postgres")) {
        s.databases();
      }
    }
    assertTrue(postgres.answers(server));
    List<String> opened = new java.util.ArrayList<>(ours());
    opened.removeAll(before);
    assertEquals(2, opened.size(), "two connections in all: " + opened);
  }

  @Test
  void a_warm_up_that_failed_is_reported_not_tried_again() {
    // a server that never answers costs each open its whole retry budget (45 s): counted, not timed
    java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
    Postgres unanswering = new Postgres() {
      @Override
      public Session open(PgServer s, String database) {
        opens.incrementAndGet();
        throw dev.wt.core.WtException.environment("PostgreSQL at 127.0.0.1:5432 does not answer", "start it");
      }

      @Override
      public boolean answers(PgServer s) {
        opens.incrementAndGet();
        return false;
      }
    };
    ReusedSessions postgres = new ReusedSessions(unanswering);
    postgres.warm(server, 2);
    assertFalse(postgres.answers(server));
    dev.wt.core.WtException e = assertThrows(dev.wt.core.WtException.class, () -> postgres.open(server, "postgres"));
    assertTrue(e.getMessage().contains("does not answer"), e.getMessage());
    assertEquals(2, opens.get(), "the two warm-ups' attempts, and none after them");
  }

  @Test
  void release_at_the_command_end_closes_every_kept_session() throws Exception {
    ReusedSessions postgres = new ReusedSessions(new JdbcPostgres());
    List<String> before = ours();
    postgres.warm(server, 3);
    postgres.open(server, "postgres").close();
    postgres.release();
    postgres.open(server, "postgres").close(); // after the end: not kept either
    List<String> left = new java.util.ArrayList<>(ours());
    for (int i = 0; i < 50 && !before.containsAll(left); i++) {
      Thread.sleep(100); // a backend leaves pg_stat_activity a moment after its client closed
      left = new java.util.ArrayList<>(ours());
    }
    left.removeAll(before);
    assertEquals(List.of(), left, "no session of this command is left open");
  }

  @Test
  void a_kept_session_the_server_ended_is_replaced_not_handed_out() throws Exception {
    ReusedSessions postgres = new ReusedSessions(new JdbcPostgres());
    List<String> before = ours();
    postgres.open(server, "postgres").close();
    List<String> kept = new java.util.ArrayList<>(ours());
    kept.removeAll(before);
    assertEquals(1, kept.size());
    pg.exec("postgres", "SELECT pg_terminate_backend(" + kept.get(0) + ")");
    try (Postgres.Session s = postgres.open(server, "postgres")) {
      assertTrue(s.databases().stream().anyMatch(d -> d.name().equals("postgres")));
    }
  }

  @Test
  void sessions_on_a_worktree_database_are_closed_so_it_can_be_renamed() throws Exception {
    ReusedSessions postgres = new ReusedSessions(new JdbcPostgres());
    try (Postgres.Session admin = postgres.open(server, "postgres")) {
      admin.create(DB, null);
    }
    try (Postgres.Session on = postgres.open(server, DB)) {
      on.tableCount();
    }
    try (Postgres.Session admin = postgres.open(server, "postgres")) {
      admin.rename(DB, DB + "_2"); // refused while any session is on it
      admin.rename(DB + "_2", DB);
    }
  }
}
