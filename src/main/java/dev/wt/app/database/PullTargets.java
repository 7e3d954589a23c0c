package dev.wt.app.database;

import dev.wt.core.DbFill;
import dev.wt.core.OwnedDatabase;
import dev.wt.core.WtException;
import java.util.List;
import dev.wt.app.resource.DatabasePlan;

/** Which databases {@code wt db pull} fills: the one named, else those filled by pull, never a guess. */
final class PullTargets {

  private PullTargets() {}

  /**
   * The database named {@code name} (logical, template or main name); else every database whose
   * fill is {@code pull}; else the only database when it is cloned from its template (a pull into
   * that template is what its worktrees clone). Anything else is ambiguous and refused.
   */
  static List<DatabasePlan> choose(List<DatabasePlan> plans, String name, String from) {
    if (name != null) {
      List<DatabasePlan> named = plans.stream().filter(p -> p.config().name().equals(name)
          || p.template().equals(name) || p.main().equals(name)).toList();
      if (named.isEmpty()) {
        throw WtException.usage("no PostgreSQL database " + name + " is configured", "configured: " + names(plans));
      }
      return named;
    }
    List<DatabasePlan> pulled = plans.stream().filter(p -> p.config().fillType() == DbFill.PULL).toList();
    if (!pulled.isEmpty()) {
      if (from != null && pulled.size() > 1) {
        throw WtException.usage("--from gives one source, and " + pulled.size() + " databases are filled by pull ("
            + names(pulled) + ")", "name the one it is for: wt db pull --db " + pulled.get(0).config().name()
            + " --from URL");
      }
      return pulled;
    }
    if (plans.size() == 1 && plans.get(0).config().fillType() == DbFill.TEMPLATE) {
      return plans;
    }
    throw WtException.usage("no database is filled by pull (" + names(plans) + ")",
        "name the one to pull into: wt db pull --db " + plans.get(0).config().name());
  }

  private static String names(List<DatabasePlan> plans) {
    return String.join(", ", plans.stream().map(p -> p.config().name() + " (fill " + p.config().fill() + ")").toList());
  }

  /** This worktree's databases {@code wt db pull} fills ({@link #choose}); refused when it has none of them. */
  static List<OwnedDatabase> owned(DbContext ctx, String name, String from) {
    List<DatabasePlan> targets = choose(ctx.plans().stream().filter(p -> p.config().postgres()).toList(), name, from);
    List<OwnedDatabase> owned = ctx.record().databases().stream().filter(OwnedDatabase::postgres)
        .filter(d -> targets.stream().anyMatch(p -> p.config().name().equals(d.name()))).toList();
    if (owned.isEmpty()) {
      throw WtException.refused("this worktree has none of " + String.join(", ",
          targets.stream().map(p -> p.config().name()).toList()), "run wt setup here first");
    }
    return owned;
  }
}
