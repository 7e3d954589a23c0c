package dev.wt.app.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns what {@link ProjectScan} found into a commented wt.toml, noting why each key is there. */
final class TomlDraft {

  private TomlDraft() {}

  /** A migration tool: the file that shows it, its command, and a note. */
  private record Tool(String found, String command, String note) {}

  static String write(ProjectScan scan, List<InitUseCase.Finding> findings) {
    StringBuilder t = new StringBuilder();
    t.append("# wt.toml written by wt init: every key is explained in docs/config.md and docs/databases.md.\n");
    t.append("# Commands from this file (migrate, setup) run only after `wt trust` approves them.\n");

    List<String> d1 = scan.d1Bindings();
    Optional<Tool> tool = migrationTool(scan);
    Optional<String[]> compose = scan.composePostgres();
    boolean postgres = tool.isPresent() || compose.isPresent() || d1.isEmpty();

    if (compose.isPresent()) {
      String[] c = compose.get();
      t.append("\n[postgres]\n# ").append(c[0]).append(" runs PostgreSQL as service '").append(c[1])
          .append("': each worktree gets its own database on it\n");
      t.append("mode = \"compose\"\ncompose_file = ").append(q(c[0])).append("\ncompose_service = ").append(q(c[1])).append('\n');
      findings.add(new InitUseCase.Finding(c[0] + " (service " + c[1] + ")", "postgres.mode = \"compose\"",
          "a postgres service is already part of the project: databases go there"));
    }
    if (postgres) {
      t.append("\n[databases.app]\n");
      t.append("# the variable the app reads its connection from; wt writes it into the env file\n");
      t.append("env = \"DATABASE_URL\"\n");
      t.append("# each worktree's database is cloned from the template (wt db template refresh fills it)\nfill = \"template\"\n");
      findings.add(new InitUseCase.Finding(tool.map(Tool::found).orElse("no migration tool"), "databases.app.env = \"DATABASE_URL\"",
          "the name " + tool.map(x -> x.found()).orElse("most frameworks") + " read the connection from"));
      if (tool.isPresent()) {
        t.append("# ").append(tool.get().note()).append('\n');
        t.append("migrate = ").append(q(tool.get().command())).append('\n');
        findings.add(new InitUseCase.Finding(tool.get().found(), "databases.app.migrate = " + q(tool.get().command()),
            tool.get().note()));
      } else {
        t.append("# migrate = \"...\"   # the command that brings a database up to date (wt db migrate)\n");
      }
    }
    for (String binding : d1) {
      String name = binding.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
      t.append("\n[databases.").append(name).append("]\n");
      t.append("# wrangler.toml binds D1 database ").append(binding).append(": a SQLite file per worktree\n");
      t.append("engine = \"sqlite\"\npath = ").append(q(".wrangler/state/" + name + ".sqlite")).append('\n');
      t.append("env = ").append(q(binding.toUpperCase(Locale.ROOT) + "_PATH")).append('\n');
      findings.add(new InitUseCase.Finding("wrangler.toml d1_databases " + binding, "databases." + name + ".engine = \"sqlite\"",
          "D1 runs on SQLite locally: one file per worktree keeps their data apart"));
    }

    List<String> symlink = scan.envFiles();
    List<String> copy = new ArrayList<>();
    if (scan.exists("node_modules")) {
      copy.add("node_modules");
      findings.add(new InitUseCase.Finding("node_modules/", "files.copy += \"node_modules\"",
          "copied copy-on-write where the file system can: a new worktree starts without a full install"));
    }
    boolean include = scan.exists(".worktreeinclude");
    t.append("\n[files]\n");
    if (!symlink.isEmpty()) {
      t.append("# shared secrets: linked to the main worktree's files, so a change reaches every worktree;\n")
          .append("# move one to copy = [...] when worktrees need their own values\n");
      findings.add(new InitUseCase.Finding(String.join(", ", symlink), "files.symlink",
          "dotenv files hold secrets git does not have: linked, never copied"));
    }
    t.append("symlink = ").append(list(symlink)).append('\n');
    if (!copy.isEmpty()) {
      t.append("# dependency folders: copied copy-on-write (cp --reflink=auto) so a worktree starts ready\n");
    }
    t.append("copy = ").append(list(copy)).append('\n');
    t.append(include ? "# .worktreeinclude is there: the gitignored files it names are copied, as Claude Code does\n"
        : "# copies what a .worktreeinclude (gitignore syntax) names, when there is one\n");
    t.append("worktreeinclude = true\n");
    if (include) {
      findings.add(new InitUseCase.Finding(".worktreeinclude", "files.worktreeinclude = true",
          "the file Claude Code, Conductor and others read: the same files reach wt's worktrees"));
    }

    if (scan.exists(".venv")) {
      t.append("\n[setup]\n# a virtualenv holds absolute paths, so it is made again rather than copied\n");
      if (scan.exists("requirements.txt")) {
        t.append("commands = [\"python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt\"]\n");
      } else {
        t.append("# commands = [\"python3 -m venv .venv && .venv/bin/pip install -e .\"]\n");
      }
      findings.add(new InitUseCase.Finding(".venv/", "setup.commands",
          "a virtualenv cannot be copied (its paths are absolute): each worktree makes its own"));
    }
    return t.toString();
  }

  private static Optional<Tool> migrationTool(ProjectScan scan) {
    List<String> npm = scan.npmPackages();
    if (npm.contains("drizzle-kit")) {
      return Optional.of(new Tool("package.json drizzle-kit", "npx drizzle-kit migrate", "drizzle-kit applies the migrations in its out folder"));
    }
    if (npm.contains("prisma")) {
      return Optional.of(new Tool("package.json prisma", "npx prisma migrate deploy", "prisma applies pending migrations without prompting"));
    }
    if (npm.contains("knex")) {
      return Optional.of(new Tool("package.json knex", "npx knex migrate:latest", "knex runs every pending migration"));
    }
    if (npm.contains("typeorm")) {
      return Optional.of(new Tool("package.json typeorm", "npx typeorm migration:run -d src/data-source.ts",
          "typeorm needs its DataSource file: adjust -d if yours lives elsewhere"));
    }
    if (scan.exists("config/database.yml")) {
      return Optional.of(new Tool("config/database.yml (Rails)", "bin/rails db:migrate", "Rails reads DATABASE_URL over database.yml"));
    }
    if (scan.exists("manage.py")) {
      return Optional.of(new Tool("manage.py (Django)", "python3 manage.py migrate",
          "Django: read DATABASE_URL in settings.py (e.g. dj-database-url)"));
    }
    if (scan.exists("alembic.ini")) {
      return Optional.of(new Tool("alembic.ini", "alembic upgrade head", "alembic: have env.py take the URL from DATABASE_URL"));
    }
    return Optional.empty();
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(TomlDraft::q).toList()) + "]";
  }
}
