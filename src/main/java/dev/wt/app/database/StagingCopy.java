package dev.wt.app.database;

import dev.wt.core.WtException;
import dev.wt.port.Postgres;
import dev.wt.port.StateStore;
import java.util.Collection;
import java.util.Optional;

/**
 * How wt makes a staging database ({@code <db>_wt_pull}) so that a kill at any step leaves
 * something the next run of this checkout knows as its own: an intent is recorded before the
 * CREATE and cleared once the new database carries a mark, and only a mark proves it is wt's.
 */
public final class StagingCopy {

  private StagingCopy() {}

  /** The intent set while {@code staging} may exist without its mark: from before its CREATE until its COMMENT. */
  static String intent(String staging) {
    return "staging-" + staging;
  }

  /**
   * Whether a leftover is this checkout's: marked with one of {@code marks}, or unmarked while
   * this checkout's intent to create it is still set (a kill between CREATE and COMMENT).
   */
  public static boolean ours(StateStore state, Postgres.DatabaseInfo left, Collection<String> marks) {
    return left.comment() == null ? state.intended(intent(left.name())) : marks.contains(left.comment());
  }

  /** The refusal for a database at a staging name that is not this checkout's: wt never drops it. */
  public static WtException notOurs(Postgres.DatabaseInfo left, String what, String hint) {
    String comment = left.comment();
    return WtException.refused("database " + left.name() + " exists and is not " + what + " ("
        + (comment == null ? "no comment, and no run of this checkout was creating it" : "comment '" + comment + "'")
        + ")", hint);
  }

  /**
   * Creates {@code staging} with {@code create} and marks it {@code mark} at once, before anything
   * fills it. The server finishes a CREATE whose client was killed: when a killed run of this
   * checkout was creating it, such a database (unmarked) is dropped and made again.
   */
  public static void create(StateStore state, Postgres.Session s, String staging, String mark, Runnable create) {
    String intent = intent(staging);
    boolean killedRunWasCreating = state.intended(intent);
    state.intend(intent, true);
    try {
      create.run();
    } catch (RuntimeException e) {
      Optional<Postgres.DatabaseInfo> made = s.database(staging);
      if (!killedRunWasCreating || made.isEmpty() || made.get().comment() != null) {
        // a CREATE the server refused made nothing (or met someone else's database of that name)
        state.intend(intent, false);
        throw e;
      }
      s.drop(staging);
      create.run();
    }
    s.comment(staging, mark);
    state.intend(intent, false);
  }

  /** Drops {@code staging} when it is this checkout's ({@link #ours}); returns whether it did. */
  public static boolean dropIfOurs(StateStore state, Postgres.Session s, String staging, Collection<String> marks) {
    Optional<Postgres.DatabaseInfo> left = s.database(staging);
    if (left.isEmpty() || !ours(state, left.get(), marks)) {
      return false;
    }
    s.drop(staging);
    state.intend(intent(staging), false);
    return true;
  }
}
