package dev.wt.core;

/**
 * A repository's random id ({@code <git common dir>/wt/id}): lower-case hex of 128 to 512 bits,
 * made once per repository. It tells two repositories at the same path apart (two machines or
 * containers sharing one PostgreSQL server), which the path alone cannot.
 */
public record RepositoryId(String hex) {

  /** The fewest hex digits an id has: 128 bits. */
  public static final int MIN_CHARS = 32;
  private static final int MAX_CHARS = 128;

  public RepositoryId {
    if (!valid(hex)) {
      throw new IllegalArgumentException("not a repository id (" + MIN_CHARS + " to " + MAX_CHARS
          + " lower-case hex digits)");
    }
  }

  /** Whether {@code text} is an id as it is written in the file, without its line end. */
  public static boolean valid(String text) {
    if (text == null || text.length() < MIN_CHARS || text.length() > MAX_CHARS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false; // a loop, not a pattern: read on every command that marks a database
      }
    }
    return true;
  }

  /** The id of a file's contents: one line of hex; empty when it holds anything else. */
  public static java.util.Optional<RepositoryId> parse(String contents) {
    String line = contents.endsWith("\n") ? contents.substring(0, contents.length() - 1) : contents;
    return valid(line) ? java.util.Optional.of(new RepositoryId(line)) : java.util.Optional.empty();
  }

  /** The file's contents: the id and a line end. */
  public String contents() {
    return hex + "\n";
  }
}
