package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity of tricky branch names, frozen: each expected value was computed once and checked
 * by eye against DESIGN §2 (last segment, lower case, accents folded, everything else '_' / '-',
 * runs collapsed, a letter first, sha1[:6] of the whole branch).
 */
class WorktreeIdentityTest {

  static Stream<Arguments> trickyBranches() {
    return Stream.of(
        // the design's own examples: same last segment, told apart by the hash of the full name
        row("feat/x", "x_d6e256", "x"),
        row("fix/x", "x_8bce93", "x"),
        row("feat-x", "feat_x_6212b5", "feat-x"),
        row("feat_x", "feat_x_a7c4b0", "feat-x"),
        row("feat/oauth_v2", "oauth_v2_b2b4c8", "oauth-v2"),
        row("FEATURE/Login-Page", "login_page_264e48", "login-page"),
        row("main", "main_b28b7a", "main"),
        // names that look like options or paths are data
        row("-rf", "rf_836830", "rf"),
        row("--force", "force_da2a2d", "force"),
        row("-", "wt_3bc15c", "wt-3bc15c"),
        row("../../etc", "etc_7baf5c", "etc"),
        row("a..b", "a_b_89cf32", "a-b"),
        row("a/b/c/d/e", "e_b31b2c", "e"),
        row("feat/x/", "x_e37a5d", "x"),
        row("feat//x", "x_628db0", "x"),
        row("feat/x.lock", "x_lock_ca155a", "x-lock"),
        row("@{-1}", "wt_1_4a6c5c", "1"),
        // unicode: accents fold, compatibility forms decompose, other scripts vanish
        row("café", "cafe_f42445", "cafe"),
        row("naïve-ünïcödé", "naive_unicode_b8241e", "naive-unicode"),
        row("İstanbul", "istanbul_da19ec", "istanbul"),
        row("straße", "stra_e_62394a", "stra-e"),
        row("ﬁle", "file_94e1ec", "file"),
        row("ＦＵＬＬ", "full_663823", "full"),
        row("Ω-omega", "omega_d682cf", "omega"),
        row("功能/登录", "wt_9ff12b", "wt-9ff12b"),
        row("日本語", "wt_c12140", "wt-c12140"),
        // emoji
        row("🚀/launch-🔥", "launch_67f418", "launch"),
        row("emoji-only-🎉🎉", "emoji_only_903459", "emoji-only"),
        row("🎉", "wt_c20dbb", "wt-c20dbb"),
        // leading digits: a slug starts with a letter, a DNS label may start with a digit
        row("123-fix", "wt_123_fix_2bf7ab", "123-fix"),
        row("2024/01/hotfix", "hotfix_74a7c6", "hotfix"),
        row("9lives", "wt_9lives_3f9761", "9lives"),
        row("0", "wt_0_b6589f", "0"),
        // only symbols
        row("!!!", "wt_9a7b00", "wt-9a7b00"),
        row("___", "wt_bf2957", "wt-bf2957"),
        row("/", "wt_42099b", "wt-42099b"),
        // SQL keywords and injections stay plain words (SQL identifiers are quoted anyway)
        row("DROP TABLE users;--", "drop_table_users_beb3f7", "drop-table-users"),
        row("select", "select_81448f", "select"),
        row("feat/SELECT", "select_b4d680", "select"),
        row("user", "user_12dea9", "user"),
        // case
        row("UPPER_CASE", "upper_case_bf56c7", "upper-case"),
        row("MiXeD/CaSe", "case_9081d1", "case"),
        // real-world shapes
        row("release/v1.2.3", "v1_2_3_62cc8b", "v1-2-3"),
        row("dependabot/npm_and_yarn/lodash-4.17.21", "lodash_4_17_21_e2098b", "lodash-4-17-21"),
        // shell metacharacters and whitespace
        row("tab\tname", "tab_name_8e80b6", "tab-name"),
        row("space name", "space_name_a70895", "space-name"),
        row("new\nline", "new_line_2286aa", "new-line"),
        row("quote'name", "quote_name_7c194a", "quote-name"),
        row("dollar$HOME", "dollar_home_879adc", "dollar-home"),
        row("back`tick`", "back_tick_0f458a", "back-tick"),
        row("semi;colon", "semi_colon_2d9572", "semi-colon"),
        row("$(rm -rf ~)", "rm_rf_abeac0", "rm-rf"),
        // separators at the edges disappear
        row("_leading", "leading_3b6f2e", "leading"),
        row("trailing_", "trailing_94ee27", "trailing"),
        row("x-", "x_882f65", "x"),
        row("a", "a_86f7e4", "a"),
        row("wt", "wt_1c01a6", "wt"),
        // length: the readable part is cut at 40 (slug) and 63 (label), never mid-separator; the hash stays
        row("x".repeat(300), "x".repeat(40) + "_02fd68", "x".repeat(63)),
        row("feat/" + "verylongname".repeat(10), "verylongnameverylongnameverylongnamevery_50c092",
            "verylongnameverylongnameverylongnameverylongnameverylongnamever"),
        row("a-" + "b".repeat(37) + "-c-d", "a_" + "b".repeat(37) + "_2f78fa", "a-" + "b".repeat(37) + "-c-d"));
  }

  private static Arguments row(String branch, String slug, String subdomain) {
    return Arguments.of(branch, slug, subdomain);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("trickyBranches")
  void derives_the_frozen_slug_and_subdomain(String branch, String slug, String subdomain) {
    WorktreeIdentity id = WorktreeIdentity.derive(branch);
    assertEquals(slug, id.slug(), "slug of " + branch);
    assertEquals(subdomain, id.subdomain(), "subdomain of " + branch);
    assertEquals(branch, id.branch(), "the original branch is kept verbatim");
  }

  @Test
  void the_hash_suffix_tells_apart_branches_with_the_same_last_segment() {
    assertNotEquals(WorktreeIdentity.derive("feat/x").slug(), WorktreeIdentity.derive("fix/x").slug());
    assertNotEquals(WorktreeIdentity.derive("feat/x").slug(), WorktreeIdentity.derive("feat-x").slug());
    assertNotEquals(WorktreeIdentity.derive("Feat/X").slug(), WorktreeIdentity.derive("feat/x").slug());
  }

  /**
   * Six hex digits are 24 bits: two branches with the same readable part collide after a few
   * thousand tries. The identity core cannot rule that out; {@code wt up} and {@code wt setup}
   * refuse the second one (see UpRefusalTest.up_refuses_an_identity_collision_and_creates_nothing).
   */
  @Test
  void six_hex_digits_can_collide_and_this_pair_does() {
    assertEquals("x_4b55e9", WorktreeIdentity.derive("feat1795/x").slug());
    assertEquals("x_4b55e9", WorktreeIdentity.derive("feat3536/x").slug());
  }

  @Test
  void readable_and_hash_split_the_slug() {
    WorktreeIdentity id = WorktreeIdentity.derive("feat/oauth_v2");
    assertEquals("oauth_v2", id.readable());
    assertEquals("b2b4c8", id.hash());
  }

  @Test
  void an_empty_branch_has_no_identity() {
    assertThrows(IllegalArgumentException.class, () -> WorktreeIdentity.derive(""));
    assertThrows(IllegalArgumentException.class, () -> WorktreeIdentity.derive(null));
  }

  @Test
  void a_stored_identity_with_an_invalid_slug_or_label_is_rejected_on_read() {
    assertThrows(IllegalArgumentException.class, () -> new WorktreeIdentity("x", "X_abcdef", "x"));
    assertThrows(IllegalArgumentException.class, () -> new WorktreeIdentity("x", "x_abcdeg", "x"));
    assertThrows(IllegalArgumentException.class, () -> new WorktreeIdentity("x", "1x_abcdef", "x"));
    assertThrows(IllegalArgumentException.class, () -> new WorktreeIdentity("x", "x_abcdef", "-x"));
    assertThrows(IllegalArgumentException.class, () -> new WorktreeIdentity("x", "x_abcdef", "x".repeat(64)));
  }
}
