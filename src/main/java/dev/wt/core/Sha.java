package dev.wt.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SHA-1 and SHA-256 (FIPS 180-4) computed here instead of through {@code MessageDigest}: the
 * JDK's provider lookup initialises the security framework on its first use, 15-35 ms of every
 * {@code wt up} and {@code wt down} for digests of a few bytes. {@code ShaTest} compares both with
 * the JDK's on random inputs. Not thread-safe; one instance per digest.
 */
public final class Sha {

  private static final int[] K256 = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

  private final boolean sha1;
  private final int[] h;
  private final int[] w;
  private final byte[] block = new byte[64];
  private int filled;
  private long length;

  private Sha(boolean sha1) {
    this.sha1 = sha1;
    this.h = sha1
        ? new int[] {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}
        : new int[] {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    this.w = new int[sha1 ? 80 : 64];
  }

  /** A new SHA-256 digest. */
  public static Sha sha256() {
    return new Sha(false);
  }

  /** A new SHA-1 digest (only where an identity was defined by it: it is no security measure). */
  public static Sha sha1() {
    return new Sha(true);
  }

  /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().update(text.getBytes(StandardCharsets.UTF_8)).digest());
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().update(bytes).digest());
  }

  /** Adds {@code bytes}. */
  public Sha update(byte[] bytes) {
    return update(bytes, 0, bytes.length);
  }

  /** Adds {@code len} bytes of {@code bytes} from {@code off}. */
  public Sha update(byte[] bytes, int off, int len) {
    length += len;
    while (len > 0) {
      int n = Math.min(len, 64 - filled);
      System.arraycopy(bytes, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == 64) {
        compress();
        filled = 0;
      }
    }
    return this;
  }

  /** Adds one byte. */
  public Sha update(byte b) {
    return update(new byte[] {b}, 0, 1);
  }

  /** The digest of everything added (20 bytes for SHA-1, 32 for SHA-256); the instance is spent. */
  public byte[] digest() {
    long bits = length * 8;
    update((byte) 0x80);
    while (filled != 56) {
      update((byte) 0);
    }
    for (int i = 7; i >= 0; i--) {
      block[filled++] = (byte) (bits >>> (8 * i));
    }
    compress();
    byte[] out = new byte[h.length * 4];
    for (int i = 0; i < h.length; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    return out;
  }

  private void compress() {
    for (int i = 0; i < 16; i++) {
      w[i] = (block[4 * i] & 0xff) << 24 | (block[4 * i + 1] & 0xff) << 16 | (block[4 * i + 2] & 0xff) << 8
          | (block[4 * i + 3] & 0xff);
    }
    if (sha1) {
      compressSha1();
    } else {
      compressSha256();
    }
  }

  private void compressSha1() {
    for (int i = 16; i < 80; i++) {
      w[i] = Integer.rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
      int f;
      int k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      int t = Integer.rotateLeft(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = Integer.rotateLeft(b, 30);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }

  private void compressSha256() {
    for (int i = 16; i < 64; i++) {
      int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int ch = (e & f) ^ (~e & g);
      int t1 = hh + s1 + ch + K256[i] + w[i];
      int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int maj = (a & b) ^ (a & c) ^ (b & c);
      int t2 = s0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}
