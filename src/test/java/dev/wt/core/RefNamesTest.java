package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** wt's ref-name check answers as git's own {@code check-ref-format} does, name for name. */
class RefNamesTest {

  @Test
  void agreesWithGitOnHandPickedAndRandomNames() throws Exception {
    List<String> names = new ArrayList<>(List.of("feat/x", "feat/oauth_v2", "a", "-x", "x.", ".x", "x/.y", "x..y",
        "x.lock", "x.lock/y", "x/y.lock", "x.locky", "@", "@x", "x@{1}", "x@y", "a{b", "x//y", "/x", "x/", "a b",
        "a\tb", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b", "a\u007fb", "a\u0001b", "ü/ß", "emoji😀", "x/y/z",
        "HEAD", "x..", "...", "a/./b", "a/../b", ".lock", "x.lock.lock", "a.b.c", "release/1.2.3", "@{", "{@", "x}"));
    Random random = new Random(20261202);
    String alphabet = "ab./@{}-_~^:?*[\\ 1\u00e9";
    for (int i = 0; i < 250; i++) {
      StringBuilder n = new StringBuilder();
      int len = 1 + random.nextInt(8);
      for (int j = 0; j < len; j++) {
        n.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(n.toString());
    }
    for (String name : names) {
      String ref = "refs/heads/" + name;
      assertEquals(git(ref), RefNames.valid(ref), "'" + name + "'");
    }
  }

  private static boolean git(String ref) throws Exception {
    Process p = new ProcessBuilder("git", "check-ref-format", ref).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("git check-ref-format hung on " + new String(ref.getBytes(StandardCharsets.UTF_8)));
    }
    return p.exitValue() == 0;
  }
}
