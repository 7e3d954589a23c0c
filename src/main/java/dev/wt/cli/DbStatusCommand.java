package dev.wt.cli;

import dev.wt.app.database.DbStatusUseCase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wt db status}: does every database of this worktree exist and answer? Run it first when in doubt. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the worktree's identity and, per database: name, whether it exists, size, tables, "
        + "the last applied migration and its URL (password masked).",
        "In the main worktree: its own databases (databases.<name>.main, SQLite files in the main folder).",
        "Exits 0 when every database exists and answers, 1 otherwise."})
final class DbStatusCommand implements Callable<Integer> {

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  private final Wiring wiring;

  DbStatusCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    Ui ui = new Ui(wiring.env());
    DbStatusUseCase.Report r = wiring.dbStatus().status(wiring.cwd(spec));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOption.print(out, r);
    } else {
      if (r.main()) {
        out.println(ui.bold("main worktree ") + r.worktree() + ui.dim("  (its own databases, which wt never changes)"));
        out.println("  branch " + r.branch() + "  server " + r.mode());
      } else {
        out.println(ui.bold("worktree ") + r.worktree());
        out.println("  branch " + r.branch() + "  slug " + r.slug() + "  subdomain " + r.subdomain() + "  server " + r.mode());
      }
      for (DbStatusUseCase.DatabaseState d : r.databases()) {
        String mark = d.exists() && d.error() == null ? ui.green("ok     ") : ui.red("MISSING");
        out.println(mark + " " + d.name() + (d.database() == null ? "" : "  " + d.database()));
        if (d.exists()) {
          out.println("        " + size(d.sizeBytes()) + (d.tables() == null ? "" : ", " + d.tables() + " tables")
              + (d.migrationTool() == null ? ", no migration table" : ", " + d.migrationTool() + ": " + d.lastMigration()));
        }
        if (d.error() != null) {
          out.println("        " + ui.yellow(d.error()));
        }
        if (d.url() != null) {
          out.println("        " + ui.dim(d.url()));
        }
      }
      out.flush();
    }
    return r.ok() ? 0 : 1;
  }

  private static String size(Long bytes) {
    if (bytes == null) {
      return "?";
    }
    return bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0) : String.format("%d kB", bytes / 1024);
  }
}
