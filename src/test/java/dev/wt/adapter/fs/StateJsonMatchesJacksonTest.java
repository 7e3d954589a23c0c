package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wt.core.DbEngine;
import dev.wt.core.DbFill;
import dev.wt.core.GeneratedFile;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.OwnedRedis;
import dev.wt.core.RepoCommand;
import dev.wt.core.ServerMode;
import dev.wt.core.SqliteFile;
import dev.wt.core.StateLayout;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.port.CommandApprovals.Approval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State and approval files written without Jackson are byte for byte the files Jackson wrote, and
 * every file Jackson wrote reads back as the same record.
 */
class StateJsonMatchesJacksonTest {

  /** Text that tests the escaping: quotes, backslashes, every kind of control character, non-ASCII, emoji, lone surrogates. */
  private static final List<String> PIECES = List.of("plain", "with \"quotes\"", "back\\slash\\", "\u0000\u0001\u001f",
      "\t\n\r\b\f", "\u007f\u0080\u009f", "é ü ß Ω", "日本語", "😀👍🏽", "\u2028\u2029", "\uFEFF", "\ud800", "x\udc00",
      "/a/b/", "", " ", "${WT_PORT} $HOME `id`", "postgresql://u:p%40ss@127.0.0.1:5432/db?sslmode=disable", "'single'",
      "{\"json\": [1, 2]}", "\\u0041");

  /** Jackson cannot read back the escape it writes for a lone surrogate ("Broken surrogate pair"). */
  private static final List<String> READABLE =
      PIECES.stream().filter(p -> p.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).toList();

  private static final ObjectMapper JACKSON = Json.mapper();

  @TempDir Path common;
  @TempDir Path trust;

  @Test
  void every_record_is_saved_as_the_bytes_jackson_wrote_and_read_back_equal() throws Exception {
    JsonStateStore store = new JsonStateStore(common);
    for (long seed = 0; seed < 300; seed++) {
      WorktreeRecord r = record(new Random(seed), PIECES);
      store.save(r);
      byte[] written = Files.readAllBytes(StateLayout.record(common, r.slug()));
      assertArrayEquals(JACKSON.writeValueAsBytes(r), written, "seed " + seed);
      assertEquals(r, store.bySlug(r.slug()).orElseThrow(), "seed " + seed);
      store.delete(r.slug());
    }
  }

  @Test
  void every_file_jackson_wrote_reads_as_jacksons_record() throws Exception {
    JsonStateStore store = new JsonStateStore(common);
    Files.createDirectories(StateLayout.records(common));
    for (long seed = 1000; seed < 1200; seed++) {
      WorktreeRecord r = record(new Random(seed), READABLE);
      byte[] jackson = JACKSON.writeValueAsBytes(r);
      Files.write(StateLayout.record(common, r.slug()), jackson);
      WorktreeRecord read = store.bySlug(r.slug()).orElseThrow();
      assertEquals(JACKSON.readValue(jackson, WorktreeRecord.class), read, "seed " + seed);
      assertEquals(r, read, "seed " + seed);
      store.delete(r.slug());
    }
  }

  @Test
  void the_later_fields_are_written_only_when_set() throws Exception {
    JsonStateStore store = new JsonStateStore(common);
    WorktreeRecord bare = new WorktreeRecord(1, "shop", WorktreeIdentity.derive("feat/a"), "/w", "/m", "up", false,
        Instant.EPOCH, List.of(), null);
    store.save(bare);
    String text = Files.readString(StateLayout.record(common, bare.slug()));
    assertFalse(text.contains("redis") || text.contains("sharedFrom") || text.contains("borrowers"), text);
    assertTrue(text.contains("\"commandsRun\" : null"), text);

    WorktreeRecord both = bare.withRedis(new OwnedRedis("redis://127.0.0.1:6379", 3, Map.of("REDIS_URL", "x")))
        .sharing("/primary", List.of(3100), List.of());
    store.save(both);
    byte[] written = Files.readAllBytes(StateLayout.record(common, both.slug()));
    assertArrayEquals(JACKSON.writeValueAsBytes(both), written);
    assertTrue(new String(written, StandardCharsets.UTF_8).contains("\"sharedFrom\" : \"/primary\""));
  }

  @Test
  void every_approval_is_written_as_the_bytes_jackson_wrote_and_read_back_equal() throws Exception {
    UserCommandApprovals approvals = new UserCommandApprovals(trust);
    for (long seed = 0; seed < 100; seed++) {
      Random rnd = new Random(seed);
      Approval a = approval(rnd, seed, PIECES);
      approvals.approve(a);
      Path file;
      try (var files = Files.list(trust)) {
        file = files.filter(f -> f.getFileName().toString().startsWith(a.repoKey() + "-")).findFirst().orElseThrow();
      }
      byte[] written = Files.readAllBytes(file);
      assertArrayEquals(JACKSON.writeValueAsBytes(a), written, "seed " + seed);
      assertTrue(approvals.approved(a.repoKey(), a.repository(), a.digest()), "seed " + seed);
      assertEquals(List.of(a), approvals.revoke(a.repoKey(), a.repository()), "seed " + seed);
    }
  }

  @Test
  void every_approval_file_jackson_wrote_still_approves() throws Exception {
    UserCommandApprovals approvals = new UserCommandApprovals(trust);
    for (long seed = 1000; seed < 1100; seed++) {
      Approval a = approval(new Random(seed), seed, READABLE);
      approvals.approve(a);
      try (var files = Files.list(trust)) {
        Path file = files.findFirst().orElseThrow();
        Files.write(file, JACKSON.writeValueAsBytes(a));
      }
      assertEquals(List.of(a), approvals.all(), "seed " + seed);
      assertEquals(List.of(a), approvals.revoke(a.repoKey(), a.repository()), "seed " + seed);
    }
  }

  static WorktreeRecord record(Random rnd, List<String> pieces) {
    WorktreeIdentity identity = WorktreeIdentity.derive("feat/" + text(rnd, pieces));
    List<GeneratedFile> files = new ArrayList<>();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      GeneratedFile.Kind kind = GeneratedFile.Kind.values()[rnd.nextInt(GeneratedFile.Kind.values().length)];
      files.add(new GeneratedFile(path(rnd, pieces), kind, rnd.nextBoolean() ? null : text(rnd, pieces)));
    }
    List<OwnedDatabase> databases = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      boolean sqlite = rnd.nextBoolean();
      SqliteFile file = sqlite && rnd.nextBoolean()
          ? new SqliteFile(path(rnd, pieces), rnd.nextBoolean() ? null : "(dev=803,ino=" + rnd.nextLong() + ")", rnd.nextBoolean())
          : null;
      databases.add(new OwnedDatabase(text(rnd, pieces), sqlite ? DbEngine.SQLITE : DbEngine.POSTGRES,
          sqlite ? ServerMode.FILE : ServerMode.values()[rnd.nextInt(ServerMode.values().length)], text(rnd, pieces),
          rnd.nextBoolean() ? null : text(rnd, pieces), rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : rnd.nextInt(65536),
          rnd.nextBoolean() ? null : text(rnd, pieces), DbFill.values()[rnd.nextInt(DbFill.values().length)], vars(rnd, pieces), file));
    }
    List<Integer> ports = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      ports.add(rnd.nextInt(5) == 0 ? Integer.MIN_VALUE : 1024 + rnd.nextInt(64000));
    }
    OwnedRedis redis = rnd.nextBoolean() ? null : new OwnedRedis(text(rnd, pieces), rnd.nextInt(Integer.MAX_VALUE), vars(rnd, pieces));
    return new WorktreeRecord(rnd.nextInt(4) == 0 ? Integer.MAX_VALUE : 1, text(rnd, pieces), identity, path(rnd, pieces), path(rnd, pieces),
        rnd.nextBoolean() ? "up" : text(rnd, pieces), rnd.nextBoolean(), instant(rnd), files,
        rnd.nextBoolean() ? null : text(rnd, pieces), databases, ports, rnd.nextBoolean() ? null : text(rnd, pieces), rnd.nextBoolean(),
        redis, rnd.nextBoolean() ? null : path(rnd, pieces),
        rnd.nextBoolean() ? List.of() : List.of(path(rnd, pieces), path(rnd, pieces)));
  }

  /** Any text but a NUL, which no path holds (a record refuses it as damaged). */
  private static String path(Random rnd, List<String> pieces) {
    return text(rnd, pieces).replace("\0", "");
  }

  private static Approval approval(Random rnd, long seed, List<String> pieces) {
    List<RepoCommand> commands = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      commands.add(new RepoCommand("setup.commands[" + i + "]", text(rnd, pieces), text(rnd, pieces), rnd.nextBoolean()));
    }
    return new Approval("repo" + seed, text(rnd, pieces), Long.toHexString(rnd.nextLong()) + "0123456789abcdef", commands,
        instant(rnd));
  }

  private static Map<String, String> vars(Random rnd, List<String> pieces) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      vars.put(text(rnd, pieces) + i, rnd.nextInt(6) == 0 ? null : text(rnd, pieces));
    }
    return vars;
  }

  private static Instant instant(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Instant.EPOCH;
      case 1 -> Instant.ofEpochSecond(1_790_000_000L + rnd.nextInt(1_000_000), rnd.nextInt(1000) * 1_000_000L);
      case 2 -> Instant.ofEpochSecond(1_790_000_000L + rnd.nextInt(1_000_000), rnd.nextInt(1_000_000) * 1000L);
      case 3 -> Instant.ofEpochSecond(1_790_000_000L, rnd.nextInt(1_000_000_000));
      case 4 -> Instant.parse("+12026-11-30T10:15:30.5Z");
      default -> Instant.ofEpochSecond(-rnd.nextInt(Integer.MAX_VALUE));
    };
  }

  private static String text(Random rnd, List<String> pieces) {
    StringBuilder out = new StringBuilder();
    for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
      out.append(pieces.get(rnd.nextInt(pieces.size())));
    }
    return out.toString();
  }
}
