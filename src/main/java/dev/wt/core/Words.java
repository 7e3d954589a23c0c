package dev.wt.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one mapping between wt's enums and the words that stand for them in wt.toml, state files,
 * {@code --json} and options: the constant's name in lower case, {@code _} as {@code -}.
 */
public final class Words {

  private Words() {}

  /** The word of {@code e}: {@code WOULD_STOP} is {@code would-stop}. */
  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} whose word is {@code word}; empty for any other word (null included). */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String word) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(word)).findFirst();
  }
}
