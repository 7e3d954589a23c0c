package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorktreeVariablesTest {

  private static WorktreeRecord record() {
    OwnedDatabase app = new OwnedDatabase("app", DbEngine.POSTGRES, ServerMode.URL, "shop_x", "127.0.0.1", 5432, "postgres", DbFill.EMPTY,
        Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/shop_x"));
    return new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, "shop", WorktreeIdentity.derive("feat/x"), "/src/shop-x",
        "/src/shop", "up", true, Instant.EPOCH, List.of(), null, List.of(app), List.of(3100, 3101),
        "http://localhost:3100", false);
  }

  @Test
  void identity_ports_url_databases_then_configured_keys_in_that_order() {
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("APP_URL", "${WT_URL}/app");
    configured.put("PORT", "3000");

    Map<String, String> vars = WorktreeVariables.of(record(), configured);

    assertEquals(List.of("WT_PROJECT", "WT_BRANCH", "WT_SLUG", "WT_NAME", "WT_SUBDOMAIN", "WT_REPO", "WT_PATH", "WT_MAIN_PATH", "WT_PORT",
        "WT_PORT_1", "PORT", "WT_URL", "DATABASE_URL", "APP_URL"), List.copyOf(vars.keySet()));
    assertEquals("http://localhost:3100/app", vars.get("APP_URL"));
    assertEquals("3000", vars.get("PORT"), "a configured key replaces wt's value where wt put it");
    assertEquals("3100", vars.get("WT_PORT"));
  }

  @Test
  void a_configured_key_sees_wts_values_only_and_an_unknown_placeholder_is_named() {
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("A", "a");
    configured.put("B", "${A}");
    WtException e = assertThrows(WtException.class, () -> WorktreeVariables.of(record(), configured));
    assertEquals("unknown placeholder ${A} in env.vars.B", e.getMessage());
  }
}
