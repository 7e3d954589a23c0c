package dev.wt.cli;

import dev.wt.app.database.PullInto;
import dev.wt.app.database.DbFillUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wt db pull}: pg_dump a source into the template (default) or this worktree's database. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Copy a database (production replica, staging) with pg_dump -Fd -j N and pg_restore -j N into "
        + "the template (worktrees then clone it) or into this worktree's database.",
        "The source is checked first and restored beside the database, which is replaced only when the copy is "
            + "complete: a failed pull keeps the old data. Refuses databases wt does not own; skips one that has tables "
            + "unless --force-db-pull or WT_FORCE_DB_PULL=1. Exit 4 when some databases were pulled and others not."})
final class DbPullCommand implements Callable<Integer> {

  @Option(names = "--from", paramLabel = "URL", description = "Source URL (default: the database's source_env/source_file).")
  String from;

  @Option(names = "--into", paramLabel = "template|worktree", defaultValue = "template",
      description = "Where to restore (default: ${DEFAULT-VALUE}).")
  String into;

  @Option(names = "--db", paramLabel = "NAME",
      description = "Only this database (default: those whose fill is pull, or the only one when it is cloned from its template).")
  String db;

  @Option(names = "--force-db-pull", description = "Replace a database that already has tables.")
  boolean force;

  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbPullCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    PullInto target = dev.wt.core.Words.parse(PullInto.class, into).orElseThrow(() ->
        dev.wt.core.WtException.usage("--into must be template or worktree: " + into, "wt db pull --help"));
    DbFillUseCase.Outcome o = wiring.dbFill().pull(wiring.cwd(spec), from, target, db, force,
        new Ui(wiring.env()).reporter());
    for (DbFillUseCase.Filled f : o.done()) {
      spec.commandLine().getOut().println(f.skipped()
          ? "skipped: " + f.database() + " already has tables (--force-db-pull replaces them)"
          : "pulled into " + f.database() + " in " + f.millis() + " ms"
              + (f.cloneMethod() == null ? "" : "; worktrees clone it by " + f.cloneMethod()));
    }
    spec.commandLine().getOut().flush();
    o.throwIfFailed();
    return 0;
  }
}
