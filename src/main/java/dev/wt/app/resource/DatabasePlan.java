package dev.wt.app.resource;

import dev.wt.core.DatabaseNames;
import dev.wt.core.PgServer;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.config.DatabaseConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names one configured database resolves to: prefix, the worktree's database, the template and
 * main databases, and the variables written to the env file.
 */
public record DatabasePlan(DatabaseConfig config, int index, String prefix, String template, String main, String urlVar) {

  /** Comment on a template wt made by itself; dropped when the last worktree is torn down. */
  static String autoTemplateComment(String project, String repoKey) {
    return "wt:" + project + ":template:auto" + dev.wt.core.OwnedDatabase.repoSuffix(repoKey);
  }

  public static String templateComment(String project, String repoKey) {
    return "wt:" + project + ":template" + dev.wt.core.OwnedDatabase.repoSuffix(repoKey);
  }

  /**
   * The project a template wt built on its own names in its mark (this repository's, also while
   * its staging copy carries it unfinished); empty for any other comment, a template built with
   * {@code wt db template refresh} or {@code wt db pull --into template} among them: wt can build
   * its own again, not the user's.
   */
  public static java.util.Optional<String> autoTemplateProject(String comment, String repoKey) {
    String mark = dev.wt.core.OwnedDatabase.finished(comment);
    if (!dev.wt.core.OwnedDatabase.markedBy(mark, repoKey)) {
      return java.util.Optional.empty();
    }
    String body = mark.substring("wt:".length(), mark.length() - dev.wt.core.OwnedDatabase.repoSuffix(repoKey).length());
    String kind = ":template:auto";
    return body.endsWith(kind) && body.length() > kind.length()
        ? java.util.Optional.of(body.substring(0, body.length() - kind.length())) : java.util.Optional.empty();
  }

  public static List<DatabasePlan> of(List<DatabaseConfig> configs, String project) {
    java.util.ArrayList<DatabasePlan> out = new java.util.ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      out.add(of(configs.get(i), i, project));
    }
    return out;
  }

  public static DatabasePlan of(DatabaseConfig c, int index, String project) {
    String prefix = c.prefix();
    if (prefix == null) {
      String base = DatabaseNames.prefixFor(project);
      prefix = index == 0 ? base : DatabaseNames.prefixFor(base + "_" + c.name());
    }
    String template = c.template() != null ? c.template() : prefix + "_template";
    String main = c.main() != null ? c.main() : prefix;
    String urlVar = c.env() != null ? c.env()
        : index == 0 ? "DATABASE_URL" : c.name().toUpperCase(Locale.ROOT) + "_DATABASE_URL";
    return new DatabasePlan(c, index, prefix, template, main, urlVar);
  }

  public String databaseFor(WorktreeIdentity identity) {
    return DatabaseNames.of(prefix, identity);
  }

  /** The env variables of a PostgreSQL database: the URL, and each part the config asks for. */
  Map<String, String> vars(PgServer server, String database) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put(urlVar, server.url(database));
    put(v, config.hostEnv(), server.host());
    put(v, config.portEnv(), String.valueOf(server.port()));
    put(v, config.nameEnv(), database);
    put(v, config.userEnv(), server.user());
    if (server.password() != null) {
      put(v, config.passwordEnv(), server.password());
    }
    return v;
  }

  private static void put(Map<String, String> v, String key, String value) {
    if (key != null) {
      v.put(key, value);
    }
  }
}
