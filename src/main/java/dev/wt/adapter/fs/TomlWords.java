package dev.wt.adapter.fs;

/**
 * One unquoted TOML value for {@link TomlText}: a boolean, an integer in any of four bases, a float,
 * a date or a time. It is read from its whole token, so that "1979-05-27" and "1e5" are told apart
 * by shape rather than by trying one reading after another.
 */
final class TomlWords {

  private final String t;
  private final int at;
  private final TomlText in;

  private TomlWords(String t, int at, TomlText in) {
    this.t = t;
    this.at = at;
    this.in = in;
  }

  /** The value of token {@code t}, which starts at character {@code at} of the document. */
  static Object read(String t, int at, TomlText in) {
    switch (t) {
      case "true": return Boolean.TRUE;
      case "false": return Boolean.FALSE;
      case "inf": case "+inf": return Double.POSITIVE_INFINITY;
      case "-inf": return Double.NEGATIVE_INFINITY;
      case "nan": case "+nan": case "-nan": return Double.NaN;
      default: return new TomlWords(t, at, in).read();
    }
  }

  private Object read() {
    int n = t.length();
    if (shape(0, "dddd-")) {
      return dateTime();
    }
    if (shape(0, "dd:")) {
      if (time(0) != n) {
        throw error("invalid time " + shown() + " (a local time is HH:MM:SS, optionally with fractions)");
      }
      return t;
    }
    char c = t.charAt(0);
    if (isDigit(0) || c == '+' || c == '-') {
      return number();
    }
    throw error("expected a value, found " + shown() + " (text needs quotes)");
  }

  private Object number() {
    int n = t.length();
    int i = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
    char base = n > i + 1 && t.charAt(i) == '0' ? t.charAt(i + 1) : '-';
    if (base == 'x' || base == 'o' || base == 'b') {
      int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
      if (i > 0) {
        throw error(shown() + ": a hexadecimal, octal or binary integer takes no sign");
      }
      if (n == 2 || digits(2, radix) != n) {
        throw error("invalid " + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") + " integer " + shown());
      }
      return integer(2, radix);
    }
    int p = digits(i, 10);
    if (p == i) {
      throw error("invalid number " + shown());
    }
    if (t.charAt(i) == '0' && p > i + 1) {
      throw error(shown() + ": a decimal number cannot start with a zero (0o is the octal prefix)");
    }
    boolean fraction = p < n && t.charAt(p) == '.';
    if (fraction) {
      int f = digits(p + 1, 10);
      if (f == p + 1) {
        throw error(shown() + ": a decimal point needs a digit on either side");
      }
      p = f;
    }
    boolean exponent = p < n && (t.charAt(p) == 'e' || t.charAt(p) == 'E');
    if (exponent) {
      p += p + 1 < n && (t.charAt(p + 1) == '+' || t.charAt(p + 1) == '-') ? 2 : 1;
      int e = digits(p, 10);
      if (e == p) {
        throw error(shown() + ": an exponent needs digits");
      }
      p = e;
    }
    if (p != n) {
      throw error("invalid number " + shown());
    }
    if (fraction || exponent) {
      return Double.parseDouble(t.indexOf('_') < 0 ? t : t.replace("_", ""));
    }
    return integer(0, 10);
  }

  private Long integer(int from, int radix) {
    String digits = t.substring(from);
    try {
      return Long.parseLong(digits.indexOf('_') < 0 ? digits : digits.replace("_", ""), radix);
    } catch (NumberFormatException e) {
      throw error("integer " + t + " does not fit in 64 bits (-2^63 to 2^63-1)");
    }
  }

  /** Where a run of digits in the radix, with underscores only between digits, ends. */
  private int digits(int from, int radix) {
    int p = from;
    for (; p < t.length(); p++) {
      if (t.charAt(p) != '_') {
        if (!isDigit(p, radix)) {
          return p;
        }
      } else if (p == from || p + 1 >= t.length() || !isDigit(p + 1, radix)) {
        throw error(shown() + ": an underscore in a number must sit between two digits");
      }
    }
    return p;
  }

  private String dateTime() {
    if (!shape(0, "dddd-dd-dd")) {
      throw error("invalid date " + shown() + " (a date is YYYY-MM-DD)");
    }
    int year = twoDigits(0) * 100 + twoDigits(2);
    int month = twoDigits(5);
    int day = twoDigits(8);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) {
      throw error("no such date: " + t.substring(0, 10));
    }
    int n = t.length();
    if (n == 10) {
      return t;
    }
    char delim = t.charAt(10);
    if (delim != 'T' && delim != 't' && delim != ' ') {
      throw error("invalid date-time " + shown() + " (a date and a time are joined by T or a space)");
    }
    int p = time(11);
    if (p == n - 1 && (t.charAt(p) == 'Z' || t.charAt(p) == 'z')) {
      p = n;
    } else if (p < n && (t.charAt(p) == '+' || t.charAt(p) == '-')) {
      if (p + 6 != n || !shape(p + 1, "dd:dd") || twoDigits(p + 1) > 23 || twoDigits(p + 4) > 59) {
        throw error("invalid time offset in " + shown() + " (an offset is Z, +HH:MM or -HH:MM)");
      }
      p = n;
    }
    if (p != n) {
      throw error("invalid date-time " + shown());
    }
    // the same text jackson-dataformat-toml gives: the space between date and time becomes a T
    return delim == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
  }

  /** Reads HH:MM:SS[.fraction] at {@code from}; returns where it ends. */
  private int time(int from) {
    if (!shape(from, "dd:dd:dd")) {
      throw error("invalid time in " + shown() + " (a time is HH:MM:SS, seconds included)");
    }
    // 60 seconds: RFC 3339, which TOML follows, allows a leap second
    if (twoDigits(from) > 23 || twoDigits(from + 3) > 59 || twoDigits(from + 6) > 60) {
      throw error("no such time: " + t.substring(from, from + 8));
    }
    int p = from + 8;
    if (p < t.length() && t.charAt(p) == '.') {
      int fraction = ++p;
      while (p < t.length() && isDigit(p)) {
        p++;
      }
      if (p == fraction) {
        throw error(shown() + ": a decimal point in a time needs digits after it");
      }
    }
    return p;
  }

  /** Whether the token holds at {@code from} what {@code shape} draws: d for a digit, other characters as they are. */
  private boolean shape(int from, String shape) {
    if (from + shape.length() > t.length()) {
      return false;
    }
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      if (want == 'd' ? !isDigit(from + i) : t.charAt(from + i) != want) {
        return false;
      }
    }
    return true;
  }

  private static int daysIn(int month, int year) {
    if (month == 2) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  private int twoDigits(int i) {
    return (t.charAt(i) - '0') * 10 + t.charAt(i + 1) - '0';
  }

  private boolean isDigit(int i) {
    char c = t.charAt(i);
    return c >= '0' && c <= '9';
  }

  /** An ASCII digit of the radix (Character.digit alone would take other scripts' digits too). */
  private boolean isDigit(int i, int radix) {
    char c = t.charAt(i);
    return c < 0x80 && Character.digit(c, radix) >= 0;
  }

  /**
   * The word for a message: as it is when it looks like the number, date or time it was meant to
   * be; else only its length, since an unquoted value is often a password or key (line and column
   * say where it is).
   */
  private String shown() {
    boolean numeric = t.length() <= 40 && t.chars().allMatch(c -> "0123456789+-_.:eExXoObBTZabcdefABCDF ".indexOf(c) >= 0)
        && t.chars().anyMatch(Character::isDigit) && t.chars().filter(Character::isLetter).count() <= 2;
    return numeric ? "'" + t + "'" : "an unquoted word of " + t.codePointCount(0, t.length()) + " characters";
  }

  private PlainToml.InvalidToml error(String detail) {
    return in.error(at, detail);
  }
}
