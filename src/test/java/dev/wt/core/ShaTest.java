package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * wt's own SHA-1 and SHA-256 give the JDK's digests: slugs (SHA-1 of the branch), port blocks,
 * approvals and file fingerprints stay what they were before wt stopped using MessageDigest.
 */
class ShaTest {

  @Test
  void the_same_digests_as_the_jdk_for_every_length_around_the_block_edges_and_split_updates() throws Exception {
    Random random = new Random(11);
    for (int len = 0; len < 300; len++) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Sha.sha256().update(data).digest(), "len " + len);
      assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(data), Sha.sha1().update(data).digest(), "len " + len);
      int cut = len == 0 ? 0 : random.nextInt(len);
      Sha split = Sha.sha256().update(data, 0, cut);
      for (int i = cut; i < len; i++) {
        split.update(data[i]);
      }
      assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), split.digest(), "split at " + cut);
    }
    byte[] big = new byte[1 << 20];
    random.nextBytes(big);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(big), Sha.sha256().update(big).digest());
  }

  @Test
  void known_answers() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha.sha256Hex("abc"));
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
        java.util.HexFormat.of().formatHex(Sha.sha1().update("abc".getBytes()).digest()));
  }
}
