package dev.wt.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of a URL's parts that never echoes them: the JDK's decoder names the characters
 * it cannot read ("Illegal hex characters ... in: \"2x\""), which for a password is part of it.
 */
public final class UrlText {

  private UrlText() {}

  /**
   * {@code text} percent-decoded ({@code +} stays a plus, as in libpq); {@code what} names the part
   * in the error, which shows nothing of it. Null stays null.
   */
  public static String decode(String text, String what) {
    if (text == null) {
      return null;
    }
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " has a % that is not followed by two hex digits "
          + "(write a % in it as %25)");
    }
  }
}
